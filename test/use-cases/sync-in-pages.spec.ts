import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { memorySyncQueue, runSyncsInline } from '../../adapters/memory/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';
import { ITEMS_PER_WRITE, persistenceFailure, syncNow, type ExternalTask, type IssueSource, type UnitOfWork } from '../../core/index.js';
import { aConnectionInput, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, right, requester, type Harness } from '../builders/harness.js';
import { slowTaskUpserts, type SlowUpsertOptions } from '../builders/slow-task-upserts.js';
import { someIssues } from '../builders/source-issue-builder.js';

const turns = async (count: number) => {
  for (let i = 0; i < count; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** Core's side of a sync read page after page: pages written together when the writes fall behind, read-ahead bounded, progress in order. */
describe('a sync read page after page', () => {
  let h: Harness;
  let connectionId: string;
  const tasks = (): ExternalTask[] => [...h.adapters.state.tasks.values()];
  const cursorNow = async () => (await right(h.adapters.connections.findById(ORG_A, id(connectionId))))?.syncState.cursor;

  const start = async (pageSize: number, issues: number) => {
    h = createHarness({ pageSize });
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput()))).id;
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(issues));
  };

  const slowWrites = (options?: SlowUpsertOptions) => slowTaskUpserts(h.adapters.unitOfWork, options);

  /** Counts the pages asked for. */
  const countedPages = () => {
    const source = h.adapters.issueSource;
    let asked = 0;
    const searchIssues: IssueSource['searchIssues'] = (connection, query, cursor) => {
      asked += 1;
      return source.searchIssues(connection, query, cursor);
    };
    return { source: { ...source, searchIssues }, asked: () => asked };
  };

  const sync = (unitOfWork: UnitOfWork, issues: IssueSource = h.adapters.issueSource, writes?: { readonly writesInFlight: number; readonly itemsPerWrite?: number }) =>
    syncNow(
      runSyncsInline({
        ...h.adapters,
        unitOfWork,
        syncQueue: memorySyncQueue({ maxAttempts: 1 }),
        providers: providerRegistry([{ ...h.adapters.provider, issues }]),
        // No batches in flight: a first sync reads page after page, as a source without an id walk does.
        ...(writes === undefined ? {} : { idSync: { batchSize: 5, batchesInFlight: 0, ...writes } }),
      }),
    )({ organizationId: ORG_A, connectionId: id(connectionId) });

  it('writes the pages that arrived while a write was out together, and records every page and the newest update', async () => {
    await start(4, 23);
    const writes = slowWrites();

    const report = await right(sync(writes.unitOfWork));

    expect(report).to.include({ status: 'succeeded', issuesProcessed: 23, created: 23, skipped: 0, pages: 6 });
    // Six pages of at most 4 in fewer writes: the first alone, then those that arrived while it ran.
    expect(writes.upserts.length).to.be.below(6);
    expect(Math.max(...writes.upserts)).to.be.above(4);
    expect(writes.upserts.reduce((a, b) => a + b, 0)).to.equal(23);
    expect(tasks()).to.have.length(23);
    const newest = Math.max(...someIssues(23).map((issue) => issue.updatedAt.getTime()));
    expect(report.cursor).to.equal(new Date(newest).toISOString());
  });

  it('fetches ahead no more than two writes of items while the writes are held, then stores every item once', async () => {
    await start(100, 2 * ITEMS_PER_WRITE + 1000);
    const writes = slowWrites({ gated: true });
    const pages = countedPages();

    const running = sync(writes.unitOfWork, pages.source)();
    await turns(500);
    // The first page went out alone and waits; pages are read until two writes' worth is held.
    expect(writes.upserts).to.deep.equal([100]);
    expect(pages.asked()).to.equal((2 * ITEMS_PER_WRITE) / 100);
    writes.release();

    expect(await right(() => running)).to.include({ status: 'succeeded', created: 3000, pages: 30 });
    expect(pages.asked()).to.equal(30);
    expect(new Set(tasks().map((t) => t.externalId)).size).to.equal(3000);
    expect(tasks()).to.have.length(3000);
  });

  it('stops at a failed write without recording after it, keeps the cursor, and its rerun converges', async () => {
    await start(4, 23);
    const writes = slowWrites({ failing: 2 });

    const failed = await sync(writes.unitOfWork, h.adapters.issueSource, { writesInFlight: 1 })();

    expect(failed._tag).to.equal('Left');
    expect(writes.upserts).to.have.length(2);
    expect(tasks()).to.have.length(writes.upserts[0]!);
    const [recorded] = [...h.adapters.state.syncRuns.values()];
    expect(recorded).to.deep.include({ status: 'failed', pages: 1 });
    expect(await cursorNow()).to.equal(null);

    const rerun = await right(sync(h.adapters.unitOfWork));
    expect(rerun).to.include({ status: 'succeeded', created: 23 - writes.upserts[0]!, skipped: writes.upserts[0]! });
    expect(tasks()).to.have.length(23);
  });

  it('with two writes out, records nothing a failed earlier write has not, though a later one committed first', async () => {
    await start(4, 23);
    let syncWrites = 0;
    // The first write fails only after the second has committed.
    const unitOfWork: UnitOfWork = {
      transaction: (work, lane) => () => {
        const write = h.adapters.unitOfWork.transaction(work, lane);
        if (lane !== 'sync' || (syncWrites += 1) !== 1) return write();
        return (async () => {
          while (tasks().length === 0) await turns(1);
          return E.left(persistenceFailure('The database went away'));
        })() as ReturnType<typeof write>;
      },
    };

    // Writes of at most 4 items: the second page goes out beside the first.
    const failed = await sync(unitOfWork, h.adapters.issueSource, { writesInFlight: 2, itemsPerWrite: 4 })();

    expect(failed._tag).to.equal('Left');
    expect(tasks().length).to.be.above(0);
    const [recorded] = [...h.adapters.state.syncRuns.values()];
    expect(recorded).to.deep.include({ status: 'failed', pages: 0 });
    expect(recorded!.counts).to.include({ issuesProcessed: 0, created: 0 });
    expect(await cursorNow()).to.equal(null);
  });
});
