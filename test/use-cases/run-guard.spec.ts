import { expect } from 'chai';
import { createInMemoryAdapters } from '../../adapters/memory/index.js';
import type { SyncProgress, SyncRun, SyncRunRepository } from '../../core/index.js';
import { runGuard } from '../../core/use-cases/sync/run-guard.js';
import { aConnection } from '../support/builders/connection.js';
import { aSyncRun } from '../support/builders/sync-run.js';
import { expectLeft, expectRight } from '../support/either.js';

/** The check a sync makes before each tracker call and after each write: one round trip, shared only while in flight. */
describe('the run guard', () => {
  let adapters: ReturnType<typeof createInMemoryAdapters>;
  let run: SyncRun;
  let checks: number;
  const progress = (pages: number): SyncProgress => ({ pages, counts: { ...run.counts, created: pages }, sweep: run.sweep, quarantine: [] });

  /** The repository as is, counting the checks that reached it. */
  const counted = (syncRuns: SyncRunRepository): SyncRunRepository => ({
    ...syncRuns,
    recordProgress: (...args) => {
      checks += 1;
      return syncRuns.recordProgress(...args);
    },
  });
  const guard = (stopping = () => false) => runGuard({ ...adapters, syncRuns: counted(adapters.syncRuns) }, run, stopping);

  beforeEach(async () => {
    adapters = createInMemoryAdapters();
    checks = 0;
    const connection = aConnection();
    await expectRight(adapters.connections.insert(connection));
    const queued = await expectRight(adapters.syncRuns.open(aSyncRun({ organizationId: connection.organizationId, connectionId: connection.id })));
    run = (await expectRight(adapters.syncRuns.claim(queued.organizationId, queued.id, adapters.clock.now(), adapters.clock.now())))!;
  });

  it('lets a run go on, recording its progress, and asks once for calls made while a check of the same progress is in flight', async () => {
    const check = guard();
    const after = progress(2);
    const answers = await Promise.all([check(after)(), check(after)(), check(after)()]);
    expect(answers.map((a) => a._tag)).to.deep.equal(['Right', 'Right', 'Right']);
    expect(checks).to.equal(1);
    expect(await expectRight(adapters.syncRuns.findById(run.organizationId, run.connectionId, run.id))).to.deep.include({ pages: 2 });
  });

  it('asks again once a check was answered, so a cancel made since stops the run even with no page written in between', async () => {
    const check = guard();
    const same = progress(1);
    await expectRight(check(same));
    await expectRight(adapters.syncRuns.requestCancel(run.organizationId, run.connectionId, run.id, adapters.clock.now()));
    expect(await expectLeft(check(same))).to.deep.include({ _tag: 'SyncStopped', reason: 'cancelled' });
    expect(checks).to.equal(2);
  });

  it('stops the run when its connection is deleted or disabled, and before any check when the worker is shutting down', async () => {
    const connection = (await expectRight(adapters.connections.findById(run.organizationId, run.connectionId)))!;
    await expectRight(adapters.connections.update({ ...connection, enabled: false }));
    expect(await expectLeft(guard()(progress(1)))).to.deep.include({ reason: 'connection-disabled' });
    await expectRight(adapters.connections.delete(run.organizationId, run.connectionId));
    expect(await expectLeft(guard()(progress(2)))).to.deep.include({ reason: 'connection-deleted' });
    const checksBefore = checks;
    expect(await expectLeft(guard(() => true)(progress(3)))).to.deep.include({ reason: 'shutdown' });
    expect(checks).to.equal(checksBefore);
  });

  it('tells a run whose lease ran out and was closed that it lost it', async () => {
    adapters.clock.advance(adapters.runLeaseMs + 1);
    await expectRight(adapters.syncRuns.closeExpired(adapters.clock.now(), 'gone'));
    expect(await expectLeft(guard()(progress(1)))).to.deep.include({ reason: 'lease-lost' });
  });
});
