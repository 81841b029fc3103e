import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { memorySyncQueue, runSyncsInline } from '../../adapters/memory/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';
import { persistenceFailure, syncNow, type ExternalTask, type IdPage, type IssueSource, type RangeReads, type UnitOfWork } from '../../core/index.js';
import { aConnectionInput, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, right, requester, type Harness } from '../builders/harness.js';
import { slowTaskUpserts } from '../builders/slow-task-upserts.js';
import { someIssues } from '../builders/source-issue-builder.js';

/** Core's side of a sync by ids, against the fake tracker: batches held at once, writes, cursor, cancellation. */
describe('a first sync by ids', () => {
  let h: Harness;
  let connectionId: string;
  const tasks = (): ExternalTask[] => [...h.adapters.state.tasks.values()];

  beforeEach(async () => {
    h = createHarness({ pageSize: 4 });
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput()))).id;
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(23));
  });

  /** The fake tracker, its fetches held until released so the test sees how many are out at once. */
  const heldFetches = () => {
    const source = h.adapters.issueSource;
    let out = 0;
    let mostOut = 0;
    const batches: Array<ReadonlyArray<string>> = [];
    const fetchIssues: IssueSource['fetchIssues'] = (connection, ids) => async () => {
      out += 1;
      mostOut = Math.max(mostOut, out);
      batches.push(ids);
      // A few turns of the event loop, so the next batches are asked for while this one is out.
      for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
      out -= 1;
      return source.fetchIssues(connection, ids)();
    };
    return { source: { ...source, fetchIssues }, mostOut: () => mostOut, batches };
  };

  /** Task upserts slowed down (so fetched batches wait to be written); the `failing`th fails as an outage would. */
  const slowWrites = (failing?: number) => slowTaskUpserts(h.adapters.unitOfWork, failing === undefined ? {} : { failing });

  /** Batches held at each fetch: fetched or being fetched, and not yet all stored. */
  const countingHeld = () => {
    const source = h.adapters.issueSource;
    const batches: Array<ReadonlyArray<string>> = [];
    let mostHeld = 0;
    const fetchIssues: IssueSource['fetchIssues'] = (connection, ids) => {
      batches.push(ids);
      const stored = new Set(tasks().map((t) => t.externalId));
      mostHeld = Math.max(mostHeld, batches.filter((batch) => !batch.every((externalId) => stored.has(externalId))).length);
      return source.fetchIssues(connection, ids);
    };
    return { source: { ...source, fetchIssues }, mostHeld: () => mostHeld };
  };

  /**
   * A sync by ids with two writes out (batches of 5, writes of 5 items) whose first sync write is
   * `firstWrite` (given that write as it would run); every other transaction runs as it would.
   */
  const runWithTwoWritesOut = (firstWrite: (write: () => Promise<E.Either<unknown, unknown>>) => Promise<E.Either<unknown, unknown>>) => {
    let syncWrites = 0;
    const unitOfWork: UnitOfWork = {
      transaction: (work, lane) => () => {
        const write = h.adapters.unitOfWork.transaction(work, lane);
        if (lane !== 'sync' || (syncWrites += 1) !== 1) return write();
        return firstWrite(write) as ReturnType<typeof write>;
      },
    };
    const run = syncNow(
      runSyncsInline({
        ...h.adapters,
        unitOfWork,
        syncQueue: memorySyncQueue({ maxAttempts: 1 }),
        providers: providerRegistry([h.adapters.provider]),
        idSync: { batchSize: 5, batchesInFlight: 3, writesInFlight: 2, itemsPerWrite: 5 },
      }),
    );
    return run({ organizationId: ORG_A, connectionId: id(connectionId) })();
  };

  const syncWith = (issues: IssueSource, batchesInFlight = 3, mode: 'incremental' | 'full' = 'incremental', unitOfWork: UnitOfWork = h.adapters.unitOfWork, writesInFlight = 2) => {
    const deps = runSyncsInline({
      ...h.adapters,
      unitOfWork,
      syncQueue: memorySyncQueue(),
      providers: providerRegistry([{ ...h.adapters.provider, issues }]),
      idSync: { batchSize: 5, batchesInFlight, writesInFlight },
    });
    return right(syncNow(deps)({ organizationId: ORG_A, connectionId: id(connectionId), options: { mode } }));
  };

  it('fetches the walked ids in batches, never more held at once than allowed, and writes each item once', async () => {
    const held = heldFetches();

    const report = await syncWith(held.source);

    // The fake walks 8 ids a page: 23 ids in pages of 8, 8 and 7, batches of 5 within each page.
    expect(report).to.include({ status: 'succeeded', issuesProcessed: 23, created: 23, skipped: 0, pages: 6 });
    expect(held.batches.map((b) => b.length)).to.deep.equal([5, 3, 5, 3, 5, 2]);
    expect(held.mostOut()).to.equal(3);
    expect(tasks()).to.have.length(23);
    expect(h.adapters.issueSource.calls).to.deep.equal([]);
  });

  it('reads a walk page in stretches where the source has range reads, and stores once what a range adds', async () => {
    const source = h.adapters.issueSource;
    const stretches: Array<ReadonlyArray<string>> = [];
    const created = someIssues(24)[23]!;
    const contexts: Array<string | null> = [];
    // Each walk page carries a context of its own, which must come back with its stretches.
    const walkIds: IssueSource['walkIds'] = (connection, scope, cursor) =>
      TE.map((page: IdPage) => ({ ...page, context: `walked from ${cursor ?? 'the start'}` }))(source.walkIds(connection, scope, cursor));
    const fetchRange: RangeReads['fetchRange'] = (connection, ids, context) => {
      stretches.push(ids);
      contexts.push(context);
      // The first read also answers an item created since the walk, between walked ids.
      if (stretches.length > 1) return source.fetchIssues(connection, ids);
      source.setIssues(TRACKER_BASE_URL, [...source.issuesAt(TRACKER_BASE_URL), created]);
      return source.fetchIssues(connection, [...ids, created.externalId]);
    };
    const fetchIssues: IssueSource['fetchIssues'] = () => TE.left({ _tag: 'SourceUnavailable', message: 'Range reads were expected' });

    const report = await syncWith({ ...source, fetchIssues, walkIds, rangeReads: { idsPerRead: 10, fetchRange } });

    expect(report).to.include({ status: 'succeeded' });
    // Walk pages of 8 (the fake's), each read in one stretch of up to 10 ids, not batches of 5; the
    // created item is walked too (24 ids), and written once.
    expect(stretches.map((ids) => ids.length)).to.deep.equal([8, 8, 8]);
    expect(contexts).to.deep.equal(['walked from the start', 'walked from 8', 'walked from 16']);
    expect(tasks().map((t) => t.externalId).sort()).to.deep.equal(someIssues(24).map((i) => i.externalId).sort());
  });

  it('holds no more batches than allowed while the writes fall behind, and writes those that waited together', async () => {
    const held = countingHeld();
    const writes = slowWrites();

    const report = await syncWith(held.source, 3, 'incremental', writes.unitOfWork, 1);

    expect(report).to.include({ status: 'succeeded', issuesProcessed: 23, created: 23, skipped: 0, pages: 6 });
    expect(held.mostHeld()).to.equal(3);
    // Six batches of at most 5 in fewer writes: the first alone, then those that arrived while it ran.
    expect(writes.upserts.length).to.be.below(6);
    expect(writes.upserts.reduce((a, b) => a + b, 0)).to.equal(23);
    expect(Math.max(...writes.upserts)).to.be.above(5);
    expect(new Set(tasks().map((t) => t.externalId)).size).to.equal(23);
  });

  it('stops at a failed write without writing after it, keeps the cursor, and its rerun converges', async () => {
    const writes = slowWrites(2);
    const run = syncNow(
      runSyncsInline({
        ...h.adapters,
        unitOfWork: writes.unitOfWork,
        syncQueue: memorySyncQueue({ maxAttempts: 1 }),
        providers: providerRegistry([h.adapters.provider]),
        idSync: { batchSize: 5, batchesInFlight: 3, writesInFlight: 1 },
      }),
    );
    const failed = await run({ organizationId: ORG_A, connectionId: id(connectionId) })();

    expect(failed._tag).to.equal('Left');
    expect(writes.upserts).to.have.length(2);
    expect(tasks()).to.have.length(writes.upserts[0]!);
    expect((await right(h.adapters.connections.findById(ORG_A, id(connectionId))))?.syncState.cursor).to.equal(null);

    const rerun = await syncWith(h.adapters.issueSource);
    expect(rerun).to.include({ status: 'succeeded', created: 23 - writes.upserts[0]!, skipped: writes.upserts[0]! });
    expect(new Set(tasks().map((t) => t.externalId)).size).to.equal(23);
    expect(tasks()).to.have.length(23);
  });

  it('with two writes out, records nothing a failed earlier write has not: a later write that committed first is not counted, and the rerun converges', async () => {
    // The first write of the sync fails only after the second has committed.
    const failed = await runWithTwoWritesOut(async () => {
      while (tasks().length === 0) await new Promise((resolve) => setImmediate(resolve));
      return E.left(persistenceFailure('The database went away'));
    });

    expect(failed._tag).to.equal('Left');
    const stored = tasks().length;
    expect(stored).to.be.above(0);
    const [recorded] = [...h.adapters.state.syncRuns.values()];
    expect(recorded).to.deep.include({ status: 'failed', pages: 0 });
    expect(recorded!.counts).to.include({ issuesProcessed: 0, created: 0 });
    expect((await right(h.adapters.connections.findById(ORG_A, id(connectionId))))?.syncState.cursor).to.equal(null);

    const rerun = await syncWith(h.adapters.issueSource);
    expect(rerun).to.include({ status: 'succeeded', created: 23 - stored, skipped: stored });
    expect(new Set(tasks().map((t) => t.externalId)).size).to.equal(23);
    expect(tasks()).to.have.length(23);
  });

  it('counts every write that committed when the run is stopped while another write is out', async () => {
    // The run is cancelled while its first write is out; the second write commits before the first does.
    const stopped = await runWithTwoWritesOut(async (write) => {
      const [running] = [...h.adapters.state.syncRuns.values()];
      await right(h.cancelSyncRun(ORG_A, id(connectionId), running!.id));
      while (tasks().length === 0) await new Promise((resolve) => setImmediate(resolve));
      return write();
    });
    expect(stopped._tag).to.equal('Left');

    const [recorded] = [...h.adapters.state.syncRuns.values()];
    expect(recorded!.status).to.equal('cancelled');
    expect(tasks().length).to.be.above(5);
    expect(recorded!.counts.created).to.equal(tasks().length);
  });

  it('sets the cursor to the instant the walk began, and an incremental sync after it searches from there', async () => {
    const began = h.adapters.clock.now().toISOString();
    const report = await syncWith(heldFetches().source);
    expect(report.cursor).to.equal(began);

    const again = await syncWith(heldFetches().source);
    expect(again).to.include({ issuesProcessed: 0, created: 0 });
    expect(h.adapters.issueSource.calls.map((c) => c.query.updatedSince?.toISOString())).to.deep.equal([began]);
  });

  it('reads page by page when switched off', async () => {
    await syncWith(heldFetches().source, 0);
    expect(h.adapters.issueSource.calls.map((c) => c.cursor)).to.deep.equal([null, '4', '8', '12', '16', '20']);
  });

  it('stops at the first failed batch without writing after it, keeps the cursor, and its rerun converges', async () => {
    const source = h.adapters.issueSource;
    let calls = 0;
    const failing: IssueSource = {
      ...source,
      fetchIssues: (connection, ids) => ((calls += 1) === 3 ? TE.left({ _tag: 'SourceUnavailable', message: 'The tracker went away' }) : source.fetchIssues(connection, ids)),
    };
    const run = syncNow(runSyncsInline({ ...h.adapters, syncQueue: memorySyncQueue({ maxAttempts: 1 }), providers: providerRegistry([{ ...h.adapters.provider, issues: failing }]), idSync: { batchSize: 5, batchesInFlight: 1 } }));
    const failed = await run({ organizationId: ORG_A, connectionId: id(connectionId) })();
    expect(failed._tag).to.equal('Left');
    expect(tasks()).to.have.length(8);
    expect((await right(h.adapters.connections.findById(ORG_A, id(connectionId))))?.syncState.cursor).to.equal(null);

    const rerun = await syncWith(source as IssueSource);
    expect(rerun).to.include({ status: 'succeeded', created: 15, skipped: 8 });
    expect(new Set(tasks().map((t) => t.externalId)).size).to.equal(23);
    expect(tasks()).to.have.length(23);
  });

  it('writes an item seen twice by the walk once, whatever order the batches come back in', async () => {
    const source = h.adapters.issueSource;
    const twice: IssueSource = {
      ...source,
      // The same id in two batches (a walk over items that moved while it ran).
      walkIds: () => TE.right({ ids: ['10001', '10002', '10003', '10004', '10005', '10001'], nextCursor: null }),
    };
    const report = await syncWith(twice, 2);
    expect(report).to.include({ created: 5, skipped: 1 });
    expect(tasks().map((t) => t.externalId).sort()).to.deep.equal(['10001', '10002', '10003', '10004', '10005']);
  });
});
