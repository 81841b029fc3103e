import { expect } from 'chai';
import type { TaskDraft } from '../../core/index.js';
import { anOrganization } from '../support/builders/ids.js';
import { aTaskDraft } from '../support/builders/task-draft.js';
import { expectRight } from '../support/either.js';
import type { TaskRepositorySubject } from './task-repository.contract.js';

const later = (draft: TaskDraft, ms: number) => new Date(draft.externalUpdatedAt.getTime() + ms);

export const describeTaskDeletion = (setup: () => Promise<TaskRepositorySubject>) =>
  describe('markDeleted', () => {
    let subject: TaskRepositorySubject;
    const organizationId = anOrganization();
    const draft = (overrides: Partial<TaskDraft> = {}) => aTaskDraft({ organizationId, ...overrides });
    beforeEach(async () => (subject = await setup()));
    const store = async (d: TaskDraft) => (await expectRight(subject.tasks.upsertMany(organizationId, [d])))[0]!.task;
    const mark = (d: TaskDraft, at: Date, org = organizationId) => expectRight(subject.tasks.markDeleted(org, d, at));
    const read = (d: TaskDraft) => expectRight(subject.tasks.findBySource(organizationId, d));

    it('marks the task deleted, moves its external update time to the deletion, and answers what changed', async () => {
      const original = draft();
      const stored = await store(original);
      subject.clock.advance(60_000);
      const deletedAt = later(original, 5_000);
      const deletion = await mark(original, deletedAt);
      const expected = { ...stored, deletedAt, externalUpdatedAt: deletedAt, updatedAt: subject.clock.now() };
      expect(deletion).to.deep.equal({ task: expected, changedFields: ['deletedAt', 'externalUpdatedAt'], previous: stored });
      expect(await read(original)).to.deep.equal(expected);
    });

    it('changes nothing for a task already deleted, a version newer than the deletion, or a task it does not hold', async () => {
      const deleted = draft();
      await store(deleted);
      const first = await mark(deleted, later(deleted, 1_000));
      subject.clock.advance(60_000);
      expect(await mark(deleted, later(deleted, 2_000))).to.equal(null);
      expect(await read(deleted)).to.deep.equal(first!.task);

      const restored = draft();
      const newer = await store(restored);
      expect(await mark(restored, later(restored, -1))).to.equal(null);
      expect(await read(restored)).to.deep.equal(newer);

      expect(await mark(draft(), later(restored, 1))).to.equal(null);
      expect(await mark(restored, later(restored, 1), anOrganization())).to.equal(null);
      expect((await read(restored))?.deletedAt).to.equal(null);
    });

    it('keeps a deleted task deleted against an older version, and lets a newer one restore it', async () => {
      const original = draft();
      await store(original);
      const deletedAt = later(original, 10_000);
      await mark(original, deletedAt);
      const [stale] = await expectRight(subject.tasks.upsertMany(organizationId, [{ ...original, title: 'stale', externalUpdatedAt: later(original, 5_000) }]));
      expect(stale!.outcome).to.equal('unchanged');
      expect((await read(original))?.deletedAt).to.deep.equal(deletedAt);
      const [restored] = await expectRight(subject.tasks.upsertMany(organizationId, [{ ...original, title: 'restored', externalUpdatedAt: later(original, 20_000) }]));
      expect(restored!.changedFields).to.include('deletedAt');
      expect(await read(original)).to.deep.include({ title: 'restored', deletedAt: null });
    });
  });
