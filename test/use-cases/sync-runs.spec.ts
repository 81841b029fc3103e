import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { memorySyncQueue, runSyncsInline } from '../../adapters/memory/index.js';
import { bindUseCases, sourceUnavailable, syncNow, type OutboxEvent, type SyncRun } from '../../core/index.js';
import { aConnectionInput, TRACKER_API_TOKEN, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, left, right, type Harness, requester } from '../builders/harness.js';
import { someIssues } from '../builders/source-issue-builder.js';
import { aSyncRun } from '../support/builders/sync-run.js';
import { failingOutboxAppend, gatedIssueSource, withIssueSource } from '../support/sync-faults.js';

describe('sync runs as jobs', () => {
  let h: Harness;
  let connectionId: string;
  /** The events of how runs ended, in the order written. */
  const runEndings = (): OutboxEvent[] =>
    [...h.adapters.state.outbox.values()]
      .sort((a, b) => a.seq - b.seq)
      .map((row) => row.event)
      .filter((e) => e.type.startsWith('connection.sync_'));
  const finishedEntries = () => [...h.adapters.state.auditEntries.values()].filter((e) => e.action === 'sync_run.finished');
  const runs = (): SyncRun[] => [...h.adapters.state.syncRuns.values()].sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime());
  /** Syncs through a source that waits at its first page until the test opens it. */
  const gated = () => {
    const gate = gatedIssueSource(h.adapters.issueSource);
    const deps = runSyncsInline({ ...h.adapters, syncQueue: memorySyncQueue(), providers: withIssueSource(h.adapters.providers, 'tracker', gate.source) });
    return { ...gate, sync: (options?: unknown) => syncNow(deps)({ organizationId: ORG_A, connectionId: id(connectionId), options })() };
  };

  beforeEach(async () => {
    h = createHarness({ pageSize: 3 });
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput()))).id;
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(7));
  });

  it('stops a run between pages once its connection is deleted: no tracker call after the delete, no task written', async () => {
    const { sync, entered, open } = gated();
    const outcome = sync();
    await entered;
    await right(h.deleteConnection(requester(ORG_A), id(connectionId)));
    const callsAtDelete = h.adapters.issueSource.calls.length;
    open();
    expect(await outcome).to.have.nested.property('left._tag', 'SyncStopped');
    expect(h.adapters.issueSource.calls.length - callsAtDelete).to.be.at.most(1);
    expect(h.adapters.state.tasks.size).to.equal(0);
    expect(runs().map((r) => [r.status, r.error])).to.deep.equal([['cancelled', 'The sync stopped: its connection was deleted']]);
    expect(runEndings().map((e) => [e.type, e.connectionId, e.data.error])).to.deep.equal([['connection.sync_cancelled', connectionId, 'The sync stopped: its connection was deleted']]);
  });

  it('cancels a running run after the page it is writing, keeping what it wrote, and a queued one at once', async () => {
    const { sync, entered, open } = gated();
    const outcome = sync();
    await entered;
    const [running] = runs();
    expect(await right(h.cancelSyncRun(ORG_A, id(connectionId), running!.id))).to.include({ status: 'running', cancelRequested: true });
    open();
    expect(await outcome).to.have.nested.property('left.reason', 'cancelled');
    expect(runs()[0]).to.deep.include({ status: 'cancelled', pages: 1 });
    expect(h.adapters.state.tasks.size).to.equal(3);
    expect(runEndings().map((e) => [e.type, e.data.runId, e.data.status])).to.deep.equal([['connection.sync_cancelled', running!.id, 'cancelled']]);
    expect(runEndings()[0]!.data.counts).to.deep.include({ issuesProcessed: 3, created: 3 });
    const queued = await right(h.adapters.syncRuns.open({ ...running!, id: id('queued-run'), status: 'queued', cancelRequested: false }));
    expect(await right(h.cancelSyncRun(ORG_A, id(connectionId), queued.id))).to.include({ status: 'cancelled' });
    expect((await left(h.cancelSyncRun(ORG_A, id(connectionId), id('no-such-run'))))._tag).to.equal('SyncRunNotFound');
  });

  it('closes a run whose worker is gone as interrupted with its counts, says so on the connection, and runs it again', async () => {
    const { sync, entered } = gated();
    void sync();
    await entered;
    h.adapters.clock.advance(h.adapters.runLeaseMs + 1);
    const closed = await right(h.closeInterruptedRuns());
    expect(closed.map((r) => r.status)).to.deep.equal(['interrupted']);
    expect((await right(h.getConnection(ORG_A, id(connectionId)))).syncState).to.include({ lastSyncStatus: 'interrupted' });
    expect(runEndings().map((e) => [e.type, e.data.runId, e.data.status, e.data.retried])).to.deep.equal([['connection.sync_interrupted', closed[0]!.id, 'interrupted', true]]);
    expect(finishedEntries().map((e) => [e.targetId, e.summary.status, e.actor])).to.deep.equal([[closed[0]!.id, 'interrupted', 'system:taskport']]);
    expect(await right(h.closeInterruptedRuns())).to.deep.equal([]);
    expect(runEndings()).to.have.length(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs().map((r) => [r.trigger, r.status, r.attempt])).to.deep.equal([
      ['manual', 'interrupted', 1],
      ['retry', 'succeeded', 2],
    ]);
    expect(h.adapters.state.tasks.size).to.equal(7);
    expect(runEndings().map((e) => e.type)).to.deep.equal(['connection.sync_interrupted', 'connection.sync_succeeded']);
  });

  it('tells of an interrupted run that is not retried, because its connection is disabled, that it will not run again', async () => {
    const { sync, entered } = gated();
    void sync();
    await entered;
    await right(h.updateConnection(requester(ORG_A), id(connectionId), { enabled: false }));
    h.adapters.clock.advance(h.adapters.runLeaseMs + 1);
    await right(h.closeInterruptedRuns());
    expect(runEndings().map((e) => [e.type, e.data.retried])).to.deep.equal([['connection.sync_interrupted', false]]);
    expect(runs().map((r) => r.status)).to.deep.equal(['interrupted']);
  });

  it('leaves an expired run open, with nothing told, when the transaction closing it fails, so the next pass closes it', async () => {
    const { sync, entered } = gated();
    void sync();
    await entered;
    h.adapters.clock.advance(h.adapters.runLeaseMs + 1);
    const failing = bindUseCases({ ...h.adapters, unitOfWork: failingOutboxAppend(h.adapters.unitOfWork) });
    expect((await left(failing.closeInterruptedRuns()))._tag).to.equal('PersistenceFailure');
    expect(runs().map((r) => r.status)).to.deep.equal(['running']);
    expect(runEndings()).to.deep.equal([]);
    expect(finishedEntries()).to.deep.equal([]);
    expect((await right(h.closeInterruptedRuns())).map((r) => r.status)).to.deep.equal(['interrupted']);
  });

  it('closes a queued run whose job was lost, so the connection is not blocked for good', async () => {
    const lost = await right(h.adapters.syncRuns.open(aSyncRun({ id: id('lost-run'), organizationId: ORG_A, connectionId: id(connectionId), queuedAt: h.adapters.clock.now() })));
    expect((await left(h.sync(ORG_A, connectionId)))._tag).to.equal('SyncInProgress');
    h.adapters.clock.advance(5 * 60_000);
    await right(h.closeInterruptedRuns());
    expect(h.adapters.state.syncRuns.get(lost.id)!.status).to.equal('queued');
    h.adapters.clock.advance(6 * 60_000);
    await right(h.closeInterruptedRuns());
    expect(h.adapters.state.syncRuns.get(lost.id)).to.deep.include({ status: 'failed' });
    expect(await right(h.sync(ORG_A, connectionId))).to.include({ status: 'succeeded' });
  });

  it('retries a transient failure with the queue and succeeds; a failure that persists ends failed and the schedule goes on', async () => {
    h = createHarness({ pageSize: 3, syncAttempts: 3 });
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput({ pollingEnabled: true })))).id;
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(7));
    h.adapters.issueSource.failPage(1, sourceUnavailable('the tracker hiccuped'));
    expect(await right(h.sync(ORG_A, connectionId))).to.include({ created: 7 });
    expect(runs()[0]).to.include({ status: 'succeeded', attempt: 1 });
    const down = { ...h.adapters.issueSource, searchIssues: () => TE.left(sourceUnavailable('the tracker is down')) };
    const deps = runSyncsInline({ ...h.adapters, syncQueue: memorySyncQueue({ maxAttempts: 3 }), providers: withIssueSource(h.adapters.providers, 'tracker', down) });
    expect((await left(syncNow(deps)({ organizationId: ORG_A, connectionId: id(connectionId) })))._tag).to.equal('SourceUnavailable');
    expect(runs()[1]).to.include({ status: 'failed', error: 'the tracker is down' });
    const connection = await right(h.getConnection(ORG_A, id(connectionId)));
    expect([connection.syncState.lastSyncStatus, connection.schedule.pausedReason]).to.deep.equal(['failed', null]);
  });

  it('queues each due sync once, every interval, only for enabled connections with polling on and a schedule not paused', async () => {
    const polled = (await right(h.createConnection(requester(ORG_A), aConnectionInput({ baseUrl: 'https://polled.tracker.test', pollingEnabled: true, syncIntervalSeconds: 120 })))).id;
    await right(h.createConnection(requester(ORG_A), aConnectionInput({ baseUrl: 'https://off.tracker.test', pollingEnabled: true, enabled: false })));
    expect(await right(h.planScheduledSyncs(100))).to.deep.equal({ queued: 1, skipped: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await right(h.planScheduledSyncs(100))).to.deep.equal({ queued: 0, skipped: 0 });
    h.adapters.clock.advance(120_000);
    expect(await right(h.planScheduledSyncs(100))).to.deep.equal({ queued: 1, skipped: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs().filter((r) => r.connectionId === polled).map((r) => [r.trigger, r.status])).to.deep.equal([
      ['schedule', 'succeeded'],
      ['schedule', 'succeeded'],
    ]);
  });

  it('stops the schedule of a connection whose credentials are refused, until the connection is changed', async () => {
    const polled = (await right(h.createConnection(requester(ORG_A), aConnectionInput({ baseUrl: 'https://polled.tracker.test', pollingEnabled: true, apiToken: 'soon-revoked' })))).id;
    h.adapters.issueSource.rejectToken('soon-revoked');
    await right(h.planScheduledSyncs(100));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await right(h.getConnection(ORG_A, id(polled)))).schedule.pausedReason).to.match(/rejected the credentials/);
    h.adapters.clock.advance(3600_000);
    expect(await right(h.planScheduledSyncs(100))).to.deep.equal({ queued: 0, skipped: 0 });
    await right(h.updateConnection(requester(ORG_A), id(polled), { apiToken: TRACKER_API_TOKEN }));
    expect((await right(h.getConnection(ORG_A, id(polled)))).schedule.pausedReason).to.equal(null);
    expect(await right(h.planScheduledSyncs(100))).to.deep.equal({ queued: 1, skipped: 0 });
  });

  it('refuses a sync interval below the floor, naming it', async () => {
    const error = await left(h.createConnection(requester(ORG_A), aConnectionInput({ baseUrl: 'https://fast.tracker.test', syncIntervalSeconds: 5 })));
    expect(error).to.deep.include({ _tag: 'InvalidInput', details: [{ path: 'syncIntervalSeconds', message: 'must be at least 60 (seconds)' }] });
  });
});
