import { expect } from 'chai';
import type { ConnectionRepository, SyncRun, SyncRunRepository } from '../../core/index.js';
import { aConnection } from '../support/builders/connection.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { aSyncRun } from '../support/builders/sync-run.js';
import { expectLeft, expectRight } from '../support/either.js';

export interface SyncRunRepositorySubject {
  readonly syncRuns: SyncRunRepository;
  /** Where the runs' connections are kept: a run's progress check reads its connection. */
  readonly connections: ConnectionRepository;
}

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 1, 1, 10, minute, second));
const progress = {
  pages: 3,
  counts: { issuesProcessed: 7, created: 3, updated: 2, unchanged: 1, skipped: 1, quarantined: 1 },
  sweep: { deleted: 1, outOfScope: 2, backInScope: 0 },
  quarantine: [{ externalId: '10009', key: 'OPS-9', version: '2026-02-01T10:00:00.000Z', reason: 'its update time is not a date from the year 1 to 9999' }],
};

export const describeSyncRunRepositoryContract = (name: string, setup: () => Promise<SyncRunRepositorySubject>) =>
  describe(`SyncRunRepository contract (${name})`, () => {
    let syncRuns: SyncRunRepository;
    let connections: ConnectionRepository;
    const organizationId = anOrganization();
    let connectionId = anId();
    const run = (minute: number, overrides: Partial<SyncRun> = {}) => aSyncRun({ organizationId, connectionId, queuedAt: at(minute), ...overrides });
    beforeEach(async () => {
      ({ syncRuns, connections } = await setup());
      connectionId = anId();
      await expectRight(connections.insert(aConnection({ id: connectionId, organizationId })));
    });

    it('keeps a run from queued through running, with its progress, to finished', async () => {
      const queued = run(0, { trigger: 'full-resync', mode: 'full' });
      expect(await expectRight(syncRuns.open(queued))).to.deep.equal(queued);
      const running = await expectRight(syncRuns.claim(organizationId, queued.id, at(1), at(2)));
      expect(running).to.deep.equal({ ...queued, status: 'running', startedAt: at(1), leaseExpiresAt: at(2) });
      expect(await expectRight(syncRuns.recordProgress(running!, progress, at(3)))).to.equal('continue');
      const finished: SyncRun = { ...running!, ...progress, status: 'failed', error: 'The tracker is down', failure: { code: 'SourceUnavailable', message: 'The tracker is down' }, finishedAt: at(4), leaseExpiresAt: null };
      expect(await expectRight(syncRuns.finish(finished))).to.deep.equal(finished);
      expect(await expectRight(syncRuns.listForConnection(organizationId, connectionId, 10))).to.deep.equal([finished]);
      expect(await expectRight(syncRuns.finish({ ...finished, status: 'succeeded' }))).to.equal(null);
    });

    it('holds one open run per connection: a second is SyncInProgress until the first is finished', async () => {
      const first = await expectRight(syncRuns.open(run(0)));
      expect(await expectLeft(syncRuns.open(run(1)))).to.deep.equal({ _tag: 'SyncInProgress', connectionId });
      await expectRight(syncRuns.open(run(1, { connectionId: anId() })));
      await expectRight(syncRuns.finish({ ...first, status: 'cancelled', finishedAt: at(2) }));
      await expectRight(syncRuns.open(run(3)));
    });

    it('lets only one worker claim a queued run', async () => {
      const queued = await expectRight(syncRuns.open(run(0)));
      const claims = await Promise.all([1, 2].map(() => expectRight(syncRuns.claim(organizationId, queued.id, at(1), at(2)))));
      expect(claims.filter((claim) => claim !== null)).to.have.length(1);
      expect(await expectRight(syncRuns.claim(anOrganization(), queued.id, at(1), at(2)))).to.equal(null);
    });

    it('cancels a queued run at once, and asks a running one to stop', async () => {
      const queued = await expectRight(syncRuns.open(run(0)));
      expect(await expectRight(syncRuns.requestCancel(organizationId, connectionId, queued.id, at(1)))).to.deep.include({ status: 'cancelled', finishedAt: at(1) });
      expect(await expectRight(syncRuns.claim(organizationId, queued.id, at(2), at(3)))).to.equal(null);
      const other = await expectRight(syncRuns.open(run(4)));
      const running = await expectRight(syncRuns.claim(organizationId, other.id, at(5), at(6)));
      expect(await expectRight(syncRuns.requestCancel(organizationId, connectionId, other.id, at(5)))).to.deep.include({ status: 'running', cancelRequested: true });
      expect(await expectRight(syncRuns.recordProgress(running!, progress, at(7)))).to.equal('cancel');
      expect(await expectRight(syncRuns.requestCancel(anOrganization(), connectionId, other.id, at(5)))).to.equal(null);
    });

    it("reads the run's connection with its progress: deleted or disabled stops it before anything else", async () => {
      const queued = await expectRight(syncRuns.open(run(0)));
      const running = (await expectRight(syncRuns.claim(organizationId, queued.id, at(1), at(2))))!;
      const connection = (await expectRight(connections.findById(organizationId, connectionId)))!;
      await expectRight(connections.update({ ...connection, enabled: false }));
      expect(await expectRight(syncRuns.recordProgress(running, progress, at(3)))).to.equal('connection-disabled');
      await expectRight(syncRuns.requestCancel(organizationId, connectionId, running.id, at(4)));
      await expectRight(connections.delete(organizationId, connectionId));
      expect(await expectRight(syncRuns.recordProgress(running, progress, at(5)))).to.equal('connection-deleted');
      // The progress is recorded all the same: the run's history shows what it wrote before it stopped.
      expect(await expectRight(syncRuns.findById(organizationId, connectionId, running.id))).to.deep.include({ pages: progress.pages, counts: progress.counts, leaseExpiresAt: at(5) });
      const elsewhere = await expectRight(syncRuns.open(run(6, { connectionId: anId() })));
      const another = (await expectRight(syncRuns.claim(organizationId, elsewhere.id, at(6), at(7))))!;
      await expectRight(connections.insert(aConnection({ id: another.connectionId, organizationId: anOrganization() })));
      expect(await expectRight(syncRuns.recordProgress(another, progress, at(8)))).to.equal('connection-deleted');
    });

    it('closes runs whose lease ran out as interrupted, with their counts, and tells their worker it lost them', async () => {
      const expiring = await expectRight(syncRuns.open(run(0)));
      const running = await expectRight(syncRuns.claim(organizationId, expiring.id, at(1), at(2)));
      await expectRight(syncRuns.recordProgress(running!, progress, at(2)));
      const healthy = await expectRight(syncRuns.open(run(0, { connectionId: anId() })));
      await expectRight(syncRuns.claim(organizationId, healthy.id, at(1), at(9)));
      const closed = await expectRight(syncRuns.closeExpired(at(3), 'gone'));
      expect(closed).to.deep.equal([{ ...running!, ...progress, status: 'interrupted', error: 'gone', failure: { code: 'SyncStopped', message: 'gone' }, finishedAt: at(3), leaseExpiresAt: null }]);
      expect(await expectRight(syncRuns.recordProgress(running!, progress, at(4)))).to.equal('lost');
      expect(await expectRight(syncRuns.closeExpired(at(3), 'gone'))).to.deep.equal([]);
      await expectRight(syncRuns.renewLease(organizationId, healthy.id, at(20)));
      expect(await expectRight(syncRuns.closeExpired(at(10), 'gone'))).to.deep.equal([]);
    });

    it('finds the runs still queued since before a time, oldest first', async () => {
      const [old, recent] = [run(1), run(5, { connectionId: anId() })];
      for (const r of [old, recent, run(0, { connectionId: anId(), status: 'succeeded' })]) await expectRight(syncRuns.open(r));
      const waiting = (await expectRight(syncRuns.findQueuedBefore(at(3), 100))).filter((r) => r.organizationId === organizationId);
      expect(waiting).to.deep.equal([old]);
    });

    it("lists a connection's runs newest first, up to the limit, within the organization", async () => {
      const runs = [run(1, { status: 'succeeded' }), run(3, { status: 'failed' }), run(2, { status: 'succeeded' })];
      for (const r of [...runs, aSyncRun({ organizationId }), aSyncRun({ connectionId })]) await expectRight(syncRuns.open(r));
      expect(await expectRight(syncRuns.listForConnection(organizationId, connectionId, 2))).to.deep.equal([runs[1], runs[2]]);
      expect(await expectRight(syncRuns.listForConnection(anOrganization(), connectionId, 10))).to.deep.equal([]);
      expect(await expectRight(syncRuns.findById(organizationId, connectionId, runs[0]!.id))).to.deep.equal(runs[0]);
      expect(await expectRight(syncRuns.findById(anOrganization(), connectionId, runs[0]!.id))).to.equal(null);
    });
  });
