import { expect } from 'chai';
import { compareForList, type ExternalTask, type OrganizationId, type PageRequest, type TaskFilter } from '../../core/index.js';
import { aTaskDraft } from '../support/builders/task-draft.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { expectRight } from '../support/either.js';
import type { TaskRepositorySubject } from './task-repository.contract.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 15, 9, minute, 0, 500));

export const describeTaskListing = (setup: () => Promise<TaskRepositorySubject>) =>
  describe('list', () => {
    let subject: TaskRepositorySubject;
    let organizationId: OrganizationId;
    beforeEach(async () => {
      subject = await setup();
      organizationId = anOrganization();
    });

    const store = async (overrides: ReadonlyArray<Parameters<typeof aTaskDraft>[0]>) =>
      (await expectRight(subject.tasks.upsertMany(organizationId, overrides.map((o) => aTaskDraft({ organizationId, ...o }))))).map((r) => r.task);
    const list = (filter: TaskFilter, page: PageRequest = { limit: 100, after: null }) => expectRight(subject.tasks.list(organizationId, filter, page));
    const keys = (tasks: ReadonlyArray<ExternalTask>) => tasks.map((t) => t.key);
    const sorted = (tasks: ReadonlyArray<ExternalTask>) => [...tasks].sort(compareForList);

    it('orders by external update time, newest first, then by id descending', async () => {
      const tasks = await store([{ externalUpdatedAt: at(1) }, { externalUpdatedAt: at(3) }, { externalUpdatedAt: at(2) }, { externalUpdatedAt: at(2) }, { externalUpdatedAt: at(2) }]);
      const page = await list({});
      expect(page.items).to.deep.equal(sorted(tasks));
      expect(page.next).to.equal(null);
    });

    it('pages through everything exactly once with the cursor, ties included', async () => {
      const tasks = await store([1, 1, 1, 2, 2, 3, 4].map((minute) => ({ externalUpdatedAt: at(minute) })));
      const seen: ExternalTask[] = [];
      let page = await list({}, { limit: 2, after: null });
      seen.push(...page.items);
      while (page.next !== null) {
        page = await list({}, { limit: 2, after: page.next });
        seen.push(...page.items);
      }
      expect(keys(seen)).to.deep.equal(keys(sorted(tasks)));
      const exact = await list({}, { limit: 7, after: null });
      expect([exact.items.length, exact.next]).to.deep.equal([7, null]);
      const first = await list({}, { limit: 3, after: null });
      expect(first.next).to.deep.equal({ externalUpdatedAt: first.items[2]!.externalUpdatedAt, id: first.items[2]!.id });
    });

    it('filters by connection, system, site, status, assignee, assignee id, resource, project, board, company and update time', async () => {
      const connectionId = anId();
      const resourceId = anId();
      const [byConnection, bySystem, byStatus, byAssignee, byResource, byProject, recent, bySite, byBoard, byCompany, byAssigneeId] = await store([
        { connectionId, key: 'C' },
        { externalSystem: 'other-tracker', key: 'S' },
        { status: 'in_progress', key: 'ST' },
        { assigneeEmail: 'zoe@acme.test', key: 'A' },
        { resourceId, key: 'R' },
        { projectKey: 'WEB', key: 'P' },
        { externalUpdatedAt: at(59), key: 'U' },
        { site: 'second.tracker.test', key: 'SI' },
        { board: 'Help Desk', key: 'BO' },
        { company: 'ACME', phase: 'Build', key: 'CO' },
        { assigneeEmail: null, assigneeExternalId: 'acc-zoe', key: 'AI' },
      ]);
      expect(keys((await list({ assigneeExternalId: 'acc-zoe' })).items)).to.deep.equal([byAssigneeId!.key]);
      expect(keys((await list({ assigneeExternalId: 'ACC-ZOE' })).items)).to.deep.equal([]);
      expect(keys((await list({ connectionId })).items)).to.deep.equal([byConnection!.key]);
      expect(keys((await list({ connectionId: anId() })).items)).to.deep.equal([]);
      expect(keys((await list({ externalSystem: 'other-tracker' })).items)).to.deep.equal([bySystem!.key]);
      expect(keys((await list({ site: 'second.tracker.test' })).items)).to.deep.equal([bySite!.key]);
      expect(keys((await list({ status: 'in_progress' })).items)).to.deep.equal([byStatus!.key]);
      expect(keys((await list({ assigneeEmail: 'Zoe@ACME.test' })).items)).to.deep.equal([byAssignee!.key]);
      expect(keys((await list({ resourceId })).items)).to.deep.equal([byResource!.key]);
      expect(keys((await list({ projectKey: 'WEB' })).items)).to.deep.equal([byProject!.key]);
      expect(keys((await list({ updatedSince: at(59) })).items)).to.deep.equal([recent!.key]);
      expect(keys((await list({ board: 'Help Desk' })).items)).to.deep.equal([byBoard!.key]);
      expect(keys((await list({ company: 'ACME' })).items)).to.deep.equal([byCompany!.key]);
      const [readBack] = (await list({ company: 'ACME' })).items;
      expect([readBack!.company, readBack!.phase, readBack!.board]).to.deep.equal(['ACME', 'Build', null]);
      expect((await list({ status: 'todo', projectKey: 'OPS', externalSystem: 'tracker', site: 'acme.tracker.test' })).items).to.have.length(7);
    });

    it('leaves deleted tasks out unless asked for', async () => {
      const [, deleted] = await store([{ key: 'LIVE' }, { key: 'GONE', deletedAt: new Date('2026-01-16T00:00:00Z') }]);
      expect(keys((await list({})).items)).to.deep.equal(['LIVE']);
      expect(keys((await list({ includeDeleted: true })).items)).to.have.members(['LIVE', 'GONE']);
      expect(deleted!.deletedAt).to.deep.equal(new Date('2026-01-16T00:00:00Z'));
    });

    it('pages a filtered list', async () => {
      const tasks = await store([1, 2, 3, 4, 5].map((minute) => ({ externalUpdatedAt: at(minute), status: minute % 2 === 0 ? 'done' : 'todo' })));
      const first = await list({ status: 'todo' }, { limit: 2, after: null });
      const second = await list({ status: 'todo' }, { limit: 2, after: first.next });
      const expected = keys(sorted(tasks.filter((t) => t.status === 'todo')));
      expect([...keys(first.items), ...keys(second.items)]).to.deep.equal(expected);
      expect(second.next).to.equal(null);
    });

    it("never shows another organization's tasks", async () => {
      await store([{}, {}]);
      expect((await expectRight(subject.tasks.list(anOrganization(), {}, { limit: 10, after: null }))).items).to.deep.equal([]);
    });
  });
