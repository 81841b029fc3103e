import { expect } from 'chai';
import type { ExternalTask, OrganizationId, TaskDraft, TaskRepository } from '../../core/index.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { aTaskDraft } from '../support/builders/task-draft.js';
import { expectRight } from '../support/either.js';

export interface TaskKeyLookupSubject {
  readonly tasks: TaskRepository;
}

const byId = (a: ExternalTask, b: ExternalTask) => a.id.localeCompare(b.id);

/** `TaskRepository.findByKeys`, apart from the other methods' suites. */
export const describeTaskKeyLookupContract = (name: string, setup: () => Promise<TaskKeyLookupSubject>) =>
  describe(`TaskRepository.findByKeys contract (${name})`, () => {
    let tasks: TaskRepository;
    let organizationId: OrganizationId;
    beforeEach(async () => {
      ({ tasks } = await setup());
      organizationId = anOrganization();
    });
    const store = async (drafts: ReadonlyArray<Partial<TaskDraft>>, org = organizationId) =>
      (await expectRight(tasks.upsertMany(org, drafts.map((d) => aTaskDraft({ organizationId: org, ...d }))))).map((r) => r.task);
    const find = async (keys: ReadonlyArray<string>, org = organizationId) => [...(await expectRight(tasks.findByKeys(org, keys)))].sort(byId);

    it('answers the tasks holding any of the keys, and only those', async () => {
      const [first, second] = await store([{ key: 'WEB-1' }, { key: 'WEB-2' }, { key: 'WEB-3' }]);
      expect(await find(['WEB-1', 'WEB-2', 'NOPE-9'])).to.deep.equal([first!, second!].sort(byId));
    });

    it('answers every task with the key when several connections or providers hold it, deleted ones too', async () => {
      const shared = await store([
        { key: 'OPS-7', connectionId: anId() },
        { key: 'OPS-7', connectionId: anId() },
        { key: 'OPS-7', externalSystem: 'servicenow' },
        { key: 'OPS-7', deletedAt: new Date('2026-01-16T00:00:00Z') },
      ]);
      expect(await find(['OPS-7'])).to.deep.equal([...shared].sort(byId));
    });

    it("never answers another organization's tasks", async () => {
      await store([{ key: 'SEC-1' }], anOrganization());
      const [own] = await store([{ key: 'SEC-1' }]);
      expect(await find(['SEC-1'])).to.deep.equal([own]);
      expect(await find(['SEC-1'], anOrganization())).to.deep.equal([]);
    });

    it('matches keys exactly, letter case included, and takes a repeated key once', async () => {
      const [upper] = await store([{ key: 'CASE-1' }, { key: 'CASE-10' }]);
      expect(await find(['case-1', 'CASE', 'ASE-1'])).to.deep.equal([]);
      expect(await find(['CASE-1', 'CASE-1'])).to.deep.equal([upper]);
    });

    it('answers nothing for no keys', async () => {
      await store([{ key: 'ANY-1' }]);
      expect(await find([])).to.deep.equal([]);
    });
  });
