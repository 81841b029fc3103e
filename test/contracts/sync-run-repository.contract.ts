import { expect } from 'chai';
import type { SyncRun, SyncRunRepository } from '../../core/index.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { aSyncRun } from '../support/builders/sync-run.js';
import { expectLeft, expectRight } from '../support/either.js';

export interface SyncRunRepositorySubject {
  readonly syncRuns: SyncRunRepository;
}

export const describeSyncRunRepositoryContract = (name: string, setup: () => Promise<SyncRunRepositorySubject>) =>
  describe(`SyncRunRepository contract (${name})`, () => {
    let syncRuns: SyncRunRepository;
    const organizationId = anOrganization();
    const connectionId = anId();
    const run = (minute: number, overrides: Partial<SyncRun> = {}) =>
      aSyncRun({ organizationId, connectionId, startedAt: new Date(Date.UTC(2026, 1, 1, 10, minute)), ...overrides });
    beforeEach(async () => ({ syncRuns } = await setup()));

    it('keeps a run from start to finish', async () => {
      const started = run(0, { trigger: 'full-resync', mode: 'full' });
      expect(await expectRight(syncRuns.insert(started))).to.deep.equal(started);
      const finished: SyncRun = {
        ...started,
        status: 'failed',
        counts: { issuesProcessed: 7, created: 3, updated: 2, unchanged: 1, skipped: 1 },
        error: 'The tracker is down',
        finishedAt: new Date('2026-02-01T10:05:00.250Z'),
      };
      expect(await expectRight(syncRuns.finish(finished))).to.deep.equal(finished);
      expect(await expectRight(syncRuns.listForConnection(organizationId, connectionId, 10))).to.deep.equal([finished]);
    });

    it('refuses to finish a run that was never started, or that belongs to another organization', async () => {
      expect((await expectLeft(syncRuns.finish(run(0))))._tag).to.equal('PersistenceFailure');
      const started = await expectRight(syncRuns.insert(run(1)));
      const stranger = anOrganization();
      expect((await expectLeft(syncRuns.finish({ ...started, organizationId: stranger, status: 'succeeded' })))._tag).to.equal('PersistenceFailure');
      expect(await expectRight(syncRuns.listForConnection(organizationId, connectionId, 10))).to.deep.equal([started]);
    });

    it("lists a connection's runs newest first, up to the limit, within the organization", async () => {
      const runs = [run(1), run(3), run(2)];
      for (const r of [...runs, aSyncRun({ organizationId }), aSyncRun({ connectionId })]) await expectRight(syncRuns.insert(r));
      expect(await expectRight(syncRuns.listForConnection(organizationId, connectionId, 2))).to.deep.equal([runs[1], runs[2]]);
      expect(await expectRight(syncRuns.listForConnection(anOrganization(), connectionId, 10))).to.deep.equal([]);
    });
  });
