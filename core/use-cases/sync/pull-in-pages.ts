import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { SyncRunId } from '../../domain/ids.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import type { SyncProgress } from '../../domain/sync-run.js';
import { sourceUnavailable, type DomainError } from '../../errors.js';
import type { IssueQuery } from '../../ports/issue-source.js';
import { reachSourceRepeatedly } from '../source-connection.js';
import type { PullDeps, Pulled } from './pull-pages.js';
import type { RunGuard } from './run-guard.js';
import { syncWrites, watermarkAfter } from './sync-writes.js';

/** A page handed to the writes and not yet settled: its items are held until then. */
interface Held {
  readonly items: number;
  readonly settled: Promise<void>;
}

/**
 * Every page of a query, one after the other (each page's cursor comes from the one before), written
 * as they arrive through the run's writes (sync-writes.ts), as a sync by ids writes: while a write is
 * out, the pages fetched meanwhile go together in the next one (up to `itemsPerWrite` items), and a
 * second write goes out beside it when a full write's worth waits. A page after page read is then
 * bound by the slower of fetching and writing, and when writing is the slower a write's fixed cost
 * (its transaction, its statements, its progress) is paid per thousand items rather than per page.
 * Pages are fetched ahead only while fewer than two writes' worth of items are held (fetched and not
 * yet settled), so memory stays bounded whatever the query's size.
 *
 * Each write's progress and the watermark (the newest update time written) are recorded in the order
 * the pages came, only once every earlier write was: a run that stops part-way keeps no watermark
 * beyond what is durably written. The guard runs before each tracker call and after each settled
 * write; the source is reached again for every page, so an OAuth token nearing its expiry during a
 * long sync is refreshed (and the refreshed connection kept for the next pages).
 */
export const pullInPages =
  (deps: PullDeps, connection: Connection, run: { readonly id: SyncRunId }, query: IssueQuery, start: SyncProgress, guard: RunGuard, onProgress: (progress: SyncProgress) => void) =>
  async (): Promise<E.Either<DomainError, Pulled>> => {
    const reachPage = reachSourceRepeatedly(deps);
    const writes = syncWrites(deps, connection, run.id, start, guard, onProgress, deps.idSync ?? {});
    const unexpected = writes.failUnexpectedly;
    let latest = connection;

    const fetchPage = (cursor: string | null) =>
      pipe(
        guard(writes.progress()),
        TE.chainW(() => reachPage(latest)),
        TE.chainW((reach) => {
          latest = reach.current;
          return reach.provider.issues.searchIssues(reach.connection, query, cursor);
        }),
      )();

    // Pages settle in the order they were handed over, so waiting for the oldest frees the most held.
    const held: Held[] = [];
    let itemsHeld = 0;
    const hand = (issues: ReadonlyArray<SourceIssue>) => {
      itemsHeld += issues.length;
      held.push({ items: issues.length, settled: writes.submit(issues).catch(unexpected) });
    };
    const makeRoom = async () => {
      while (itemsHeld >= 2 * writes.itemsPerWrite && held.length > 0) {
        const oldest = held.shift()!;
        await oldest.settled;
        itemsHeld -= oldest.items;
      }
    };

    const walk = async () => {
      let cursor: string | null = null;
      let next = fetchPage(null);
      for (;;) {
        const page = await next;
        if (E.isLeft(page)) return writes.fail(page.left);
        const nextCursor = page.right.nextCursor;
        if (nextCursor !== null && nextCursor === cursor) return writes.fail(sourceUnavailable('The provider returned the same page token twice; paging stopped'));
        hand(page.right.issues);
        if (nextCursor === null || writes.failure() !== null) return;
        cursor = nextCursor;
        await makeRoom();
        if (writes.failure() !== null) return;
        next = fetchPage(cursor);
      }
    };

    await walk().catch(unexpected);
    await Promise.all(held.map((page) => page.settled));
    const failure = writes.failure();
    return failure === null ? E.right({ progress: writes.progress(), watermark: watermarkAfter(query.updatedSince, writes.newest()) }) : E.left(failure);
  };
