import { expect } from 'chai';
import type { ManualClock } from '../../adapters/memory/index.js';
import { asEntityId, TASK_CONTENT_FIELDS, type TaskDraft } from '../../core/index.js';
import type { TaskRepositorySubject } from './task-repository.contract.js';
import { aTaskDraft } from '../support/builders/task-draft.js';
import { anOrganization } from '../support/builders/ids.js';
import { expectRight } from '../support/either.js';

const later = (draft: TaskDraft, ms: number) => new Date(draft.externalUpdatedAt.getTime() + ms);

export const describeTaskUpserts = (setup: () => Promise<TaskRepositorySubject>) =>
  describe('upsertMany and lookups', () => {
    let subject: TaskRepositorySubject;
    let clock: ManualClock;
    const organizationId = anOrganization();
    const draft = (overrides: Partial<TaskDraft> = {}) => aTaskDraft({ organizationId, ...overrides });
    beforeEach(async () => ({ clock } = subject = await setup()));

    it('creates tasks and reads them back exactly, by id and by external id', async () => {
      const drafts = [draft(), draft({ description: null, dueDate: null, externalCreatedAt: null, assigneeEmail: null, sourceData: {} })];
      const results = await expectRight(subject.tasks.upsertMany(organizationId, drafts));
      expect(results.map((r) => [r.outcome, r.previous])).to.deep.equal([['created', null], ['created', null]]);
      results.forEach((result, i) => {
        expect(result.changedFields).to.deep.equal(TASK_CONTENT_FIELDS);
        expect(result.task).to.deep.include({ ...drafts[i], createdAt: clock.now(), updatedAt: clock.now() });
      });
      for (const { task } of results) {
        expect(await expectRight(subject.tasks.findById(organizationId, task.id))).to.deep.equal(task);
        expect(await expectRight(subject.tasks.findBySource(organizationId, task))).to.deep.equal(task);
      }
    });

    it('keeps due dates as calendar dates and source data as given', async () => {
      const sourceData = { fields: { summary: 'Ünïcödé ✓ "quoted"', n: 1.5, big: 12345678901, no: false, none: null, list: [1, 'two', { three: 3 }] } };
      const drafts = ['2026-12-31', '1999-01-01', '2026-03-29'].map((dueDate) => draft({ dueDate, sourceData }));
      await expectRight(subject.tasks.upsertMany(organizationId, drafts));
      for (const d of drafts) {
        const stored = await expectRight(subject.tasks.findBySource(organizationId, d));
        expect(stored?.dueDate).to.equal(d.dueDate);
        expect(stored?.sourceData).to.deep.equal(sourceData);
      }
    });

    it('stores any text exactly: quotes, backslashes, braces, commas, the word NULL, spaces, empty, astral', async () => {
      const texts = ['NULL', '', ' padded ', 'a,b', '{braces}', 'say "hi"', 'C:\\path\\"x"', 'line\nbreak\ttab', '😀 𝄞 ünï', '\\', '"', 'null'];
      const drafts = texts.map((text, i) =>
        draft({ title: text, description: text, rawStatus: text, projectKey: text, sourceData: { text, [`k${i}\\"`]: [text] } }),
      );
      await expectRight(subject.tasks.upsertMany(organizationId, drafts));
      for (const d of drafts) {
        const stored = await expectRight(subject.tasks.findBySource(organizationId, d));
        expect([stored?.title, stored?.description, stored?.rawStatus, stored?.projectKey]).to.deep.equal([d.title, d.description, d.rawStatus, d.projectKey]);
        expect(stored?.sourceData).to.deep.equal(d.sourceData);
      }
    });

    it('answers unchanged for an identical draft and leaves the task as it was', async () => {
      const original = draft();
      const [created] = await expectRight(subject.tasks.upsertMany(organizationId, [original]));
      clock.advance(60_000);
      const [again] = await expectRight(subject.tasks.upsertMany(organizationId, [{ ...original, lastSyncedAt: clock.now() }]));
      expect(again).to.deep.equal({ outcome: 'unchanged', changedFields: [], task: created!.task, previous: created!.task });
      expect(await expectRight(subject.tasks.findById(organizationId, created!.task.id))).to.deep.equal(created!.task);
    });

    it('updates a changed draft: exactly the changed fields, same id and creation time, new update time', async () => {
      const original = draft();
      const [created] = await expectRight(subject.tasks.upsertMany(organizationId, [original]));
      clock.advance(60_000);
      const changed = { ...original, title: 'Renamed', status: 'done' as const, externalUpdatedAt: later(original, 1000), sourceData: { changed: true } };
      const [updated] = await expectRight(subject.tasks.upsertMany(organizationId, [changed]));
      expect(updated!.outcome).to.equal('updated');
      expect(updated!.changedFields).to.have.members(['title', 'status', 'externalUpdatedAt', 'sourceData']);
      const expected = { ...changed, id: created!.task.id, createdAt: created!.task.createdAt, updatedAt: clock.now() };
      expect(updated!.task).to.deep.equal(expected);
      expect(updated!.previous).to.deep.equal(created!.task);
      expect(await expectRight(subject.tasks.findById(organizationId, created!.task.id))).to.deep.equal(expected);
    });

    it('updates a draft of the same update instant whose content differs', async () => {
      const original = draft();
      await expectRight(subject.tasks.upsertMany(organizationId, [original]));
      const [result] = await expectRight(subject.tasks.upsertMany(organizationId, [{ ...original, dueDate: '2027-01-01' }]));
      expect(result).to.deep.include({ outcome: 'updated', changedFields: ['dueDate'] });
    });

    it('never rolls a task back to a stale draft', async () => {
      const current = draft();
      const [created] = await expectRight(subject.tasks.upsertMany(organizationId, [current]));
      const stale = { ...current, title: 'Old title', externalUpdatedAt: later(current, -1) };
      const [result] = await expectRight(subject.tasks.upsertMany(organizationId, [stale]));
      expect(result).to.deep.equal({ outcome: 'unchanged', changedFields: [], task: created!.task, previous: created!.task });
      expect((await expectRight(subject.tasks.findById(organizationId, created!.task.id)))?.title).to.equal(current.title);
    });

    it('answers in the order of the drafts when a batch mixes outcomes', async () => {
      const [a, b] = [draft(), draft()];
      await expectRight(subject.tasks.upsertMany(organizationId, [a!, b!]));
      const c = draft();
      const results = await expectRight(subject.tasks.upsertMany(organizationId, [b!, c, { ...a!, title: 'Changed', externalUpdatedAt: later(a!, 5) }]));
      expect(results.map((r) => [r.outcome, r.task.externalId])).to.deep.equal([
        ['unchanged', b!.externalId],
        ['created', c.externalId],
        ['updated', a!.externalId],
      ]);
    });

    it('decides a second draft of the same task in one batch against the first', async () => {
      const first = draft();
      const second = { ...first, title: 'Second', externalUpdatedAt: later(first, 10) };
      const results = await expectRight(subject.tasks.upsertMany(organizationId, [first, second, first]));
      expect(results.map((r) => r.outcome)).to.deep.equal(['created', 'updated', 'unchanged']);
      expect(new Set(results.map((r) => r.task.id)).size).to.equal(1);
      expect((await expectRight(subject.tasks.findById(organizationId, results[0]!.task.id)))?.title).to.equal('Second');
    });

    it('keeps tenants, external systems and sites apart', async () => {
      const mine = draft();
      const [ours] = await expectRight(subject.tasks.upsertMany(organizationId, [mine]));
      const stranger = anOrganization();
      expect(await expectRight(subject.tasks.findById(stranger, ours!.task.id))).to.equal(null);
      expect(await expectRight(subject.tasks.findBySource(stranger, mine))).to.equal(null);
      const theirs = await expectRight(subject.tasks.upsertMany(stranger, [{ ...mine, organizationId: stranger, title: 'Theirs' }]));
      const other = await expectRight(subject.tasks.upsertMany(organizationId, [{ ...mine, externalSystem: 'other-tracker' }]));
      const otherSite = await expectRight(subject.tasks.upsertMany(organizationId, [{ ...mine, site: 'second.tracker.test', title: 'Second site' }]));
      expect([theirs[0]!.outcome, other[0]!.outcome, otherSite[0]!.outcome]).to.deep.equal(['created', 'created', 'created']);
      expect(await expectRight(subject.tasks.findBySource(organizationId, { ...mine, site: 'second.tracker.test' }))).to.deep.include({ title: 'Second site' });
      expect(await expectRight(subject.tasks.findById(organizationId, ours!.task.id))).to.deep.equal(ours!.task);
    });

    it('answers nothing for an empty batch and for ids it never stored', async () => {
      expect(await expectRight(subject.tasks.upsertMany(organizationId, []))).to.deep.equal([]);
      expect(await expectRight(subject.tasks.findById(organizationId, asEntityId('not-a-uuid')))).to.equal(null);
      expect(await expectRight(subject.tasks.findBySource(organizationId, { externalSystem: 'tracker', site: 'acme.tracker.test', externalId: 'missing' }))).to.equal(null);
    });
  });
