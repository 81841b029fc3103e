import { expect } from 'chai';
import type { OrganizationId, WorkspaceId, WorkspaceModuleChange, WorkspaceModuleRepository, WorkspaceModuleSwitch } from '../../core/index.js';
import { anOrganization } from '../support/builders/ids.js';
import { expectRight } from '../support/either.js';

export interface WorkspaceModuleRepositorySubject {
  readonly workspaceModules: WorkspaceModuleRepository;
}

const workspace = (id: string) => id as WorkspaceId;
const at = (minute: number) => new Date(Date.UTC(2026, 1, 1, 10, minute, 0, 250));
const byKey = (a: WorkspaceModuleSwitch, b: WorkspaceModuleSwitch) => a.moduleKey.localeCompare(b.moduleKey);

export const describeWorkspaceModuleRepositoryContract = (name: string, setup: () => Promise<WorkspaceModuleRepositorySubject>) =>
  describe(`WorkspaceModuleRepository contract (${name})`, () => {
    let modules: WorkspaceModuleRepository;
    let organizationId: OrganizationId;
    beforeEach(async () => {
      ({ workspaceModules: modules } = await setup());
      organizationId = anOrganization();
    });
    const change = (overrides: Partial<WorkspaceModuleChange> = {}): WorkspaceModuleChange => ({
      organizationId,
      workspaceId: workspace('ws-1'),
      moduleKey: 'external-tasks',
      enabled: false,
      updatedAt: at(1),
      ...overrides,
    });
    const save = (c: WorkspaceModuleChange) => expectRight(modules.save(c));
    const find = (key = 'external-tasks', ws = 'ws-1', org = organizationId) => expectRight(modules.find(org, workspace(ws), key));

    it('stores a first switch with an empty config when none is given, and reads it back', async () => {
      const saved = await save(change());
      const expected = { organizationId, workspaceId: 'ws-1', moduleKey: 'external-tasks', enabled: false, config: {}, updatedAt: at(1) };
      expect(saved).to.deep.equal(expected);
      expect(await find()).to.deep.equal(expected);
    });

    it('replaces the switch, keeping the stored config unless a new one is given', async () => {
      const config = { columns: ['key', 'title'], nested: { limit: 25, ratio: 0.5, flag: true, none: null }, label: 'Tâches ✓ 任务' };
      await save(change({ enabled: true, config }));
      expect(await save(change({ enabled: false, updatedAt: at(2) }))).to.deep.include({ enabled: false, config, updatedAt: at(2) });
      expect(await save(change({ enabled: true, config: {}, updatedAt: at(3) }))).to.deep.include({ enabled: true, config: {}, updatedAt: at(3) });
      expect(await find()).to.deep.include({ enabled: true, config: {}, updatedAt: at(3) });
    });

    it('answers null for a module never switched', async () => {
      await save(change());
      expect(await find('integrations')).to.equal(null);
      expect(await find('external-tasks', 'ws-2')).to.equal(null);
    });

    it('keeps every (organization, workspace, module) apart, workspace ids compared exactly', async () => {
      const other = anOrganization();
      await save(change({ enabled: true }));
      await save(change({ organizationId: other, enabled: false }));
      await save(change({ workspaceId: workspace('WS-1'), enabled: false }));
      await save(change({ moduleKey: 'integrations', enabled: false }));
      expect((await find())?.enabled).to.equal(true);
      expect((await find('external-tasks', 'ws-1', other))?.enabled).to.equal(false);
      expect((await find('external-tasks', 'WS-1'))?.enabled).to.equal(false);
    });

    it("lists the workspace's switches only", async () => {
      const tasks = await save(change());
      const jira = await save(change({ moduleKey: 'integrations.jira', enabled: true, config: { projects: ['WEB'] } }));
      await save(change({ workspaceId: workspace('ws-2') }));
      await save(change({ organizationId: anOrganization() }));
      const listed = await expectRight(modules.listForWorkspace(organizationId, workspace('ws-1')));
      expect([...listed].sort(byKey)).to.deep.equal([tasks, jira].sort(byKey));
      expect(await expectRight(modules.listForWorkspace(anOrganization(), workspace('ws-1')))).to.deep.equal([]);
    });
  });
