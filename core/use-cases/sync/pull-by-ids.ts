import * as A from 'fp-ts/lib/Array.js';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { SyncRunId } from '../../domain/ids.js';
import type { SyncProgress } from '../../domain/sync-run.js';
import { sourceUnavailable, type DomainError } from '../../errors.js';
import type { IdWalkScope } from '../../ports/issue-source.js';
import { reachSourceRepeatedly } from '../source-connection.js';
import { batchesInFlight } from './batches-in-flight.js';
import type { PullDeps, Pulled } from './pull-pages.js';
import type { RunGuard } from './run-guard.js';
import { DEFAULT_WRITES_IN_FLIGHT, syncWrites } from './sync-writes.js';

/** How a sync by ids reads: ids per fetch, and fetched batches held at once (fetching or waiting to be written). */
export interface IdSyncLimits {
  readonly batchSize: number;
  readonly batchesInFlight: number;
  /**
   * Writes of the fetched batches out at once (2 by default); each is settled in turn, in order. This
   * and `itemsPerWrite` govern a page-after-page sync's writes too (sync-writes.ts).
   */
  readonly writesInFlight?: number;
  /** Items one write takes at most (ITEMS_PER_WRITE by default); another goes out only when this many wait. */
  readonly itemsPerWrite?: number;
}

/**
 * 100 ids a fetch (a page of most trackers' bulk reads); 16 batches in flight bound memory to 1,600
 * items. How many of them are on the network at once is the adapter's call (its adaptive limit per site).
 * Two writes out at once (sync-writes.ts); before a page's stored rows were locked by key, that lock's
 * cost grew with the tenant's rows and two writes measured slower (docs/performance.md, fifth pass).
 */
export const DEFAULT_ID_SYNC = { batchSize: 100, batchesInFlight: 16, writesInFlight: DEFAULT_WRITES_IN_FLIGHT } as const satisfies IdSyncLimits;

/**
 * Batches held at once when each holds `batchSize` items: as many items as the limits' own batches
 * hold (so memory stays bounded the same way), but at least four, so that large range reads are
 * several on the network (as many as the site's gate allows) while one is written.
 */
const batchesHeld = (limits: IdSyncLimits, batchSize: number): number =>
  batchSize <= limits.batchSize ? limits.batchesInFlight : Math.max(MIN_RANGE_BATCHES, Math.floor((limits.batchesInFlight * limits.batchSize) / batchSize));

const MIN_RANGE_BATCHES = 4;

/**
 * A first or full sync by ids: walks the ids the connection syncs (big id-only pages, one after the
 * other) and fetches their items in batches, several at once, writing them as they arrive: up to
 * `writesInFlight` writes out at once (in the unit of work's sync lane), each idempotent, the batches
 * that arrived meanwhile going together in the next, no item in two writes out at once, and each
 * write's progress recorded only once every earlier write was (sync-writes.ts). A batch is
 * held, and counts against `batchesInFlight`, from its fetch until its write was settled, so memory
 * is bounded by batches held whatever N is; its network slot (the adapter's) is free as soon as it is
 * fetched. Ids seen twice are written once (the idempotency keys); an item written out of order never
 * replaces a newer one (the upsert's stale-draft rule).
 *
 * A source with range reads (`IssueSource.rangeReads`) is read a stretch of a walk page at a time, in
 * batches as large as its largest page, as many held as keep the items held about the same.
 *
 * The watermark is the instant the walk began: an item changed later is read again by the next
 * incremental sync (from that instant, less the adapter's overlap), one changed before is in the walk
 * and was fetched as it is now. It is kept only when every batch was written, so a run that stops
 * part-way leaves the cursor where it was and its rerun walks again, skipping what was recorded.
 */
export const pullByIds =
  (deps: PullDeps, limits: IdSyncLimits, connection: Connection, run: { readonly id: SyncRunId }, start: SyncProgress, guard: RunGuard, onProgress: (progress: SyncProgress) => void) =>
  async (): Promise<E.Either<DomainError, Pulled>> => {
    const walkStartedAt = deps.clock.now();
    const rangeReads = deps.providers.find(connection.provider)?.issues.rangeReads;
    const batchSize = rangeReads?.idsPerRead ?? limits.batchSize;
    const pool = batchesInFlight(batchesHeld(limits, batchSize));
    let latest = connection;
    const writes = syncWrites(deps, connection, run.id, start, guard, onProgress, limits);
    const { fail } = writes;
    // The secrets are decrypted again only when the connection changes (an OAuth refresh), not per batch.
    const reachAgain = reachSourceRepeatedly(deps);

    /** The guard, then the source reached again (an OAuth token may need a refresh), before every tracker call. */
    const reach = () =>
      pipe(
        guard(writes.progress()),
        TE.chainW(() => reachAgain(latest)),
        TE.map((reached) => ((latest = reached.current), reached)),
      );

    // The batch is held (its slot in `pool` taken) until its write was settled.
    const fetchAndWrite = (ids: ReadonlyArray<string>, context: string | null) => async () => {
      const fetched = await pipe(
        reach(),
        TE.chainW(({ provider, connection: source }) =>
          provider.issues.rangeReads === undefined ? provider.issues.fetchIssues(source, ids) : provider.issues.rangeReads.fetchRange(source, ids, context),
        ),
      )();
      if (E.isLeft(fetched)) return fail(fetched.left);
      await writes.submit(fetched.right);
    };

    const walkPage = (scope: IdWalkScope, cursor: string | null) =>
      pipe(
        reach(),
        TE.chainW((reached) => reached.provider.issues.walkIds(reached.connection, scope, cursor)),
      )();

    // The next id page is asked for as soon as this one is read, while its batches wait for slots:
    // the walk's chained pages would otherwise start only once most of a page was written.
    const walk = async () => {
      const scope: IdWalkScope = { projectKeys: connection.projectScope };
      let cursor: string | null = null;
      let next = walkPage(scope, cursor);
      do {
        const page = await next;
        if (E.isLeft(page)) return fail(page.left);
        if (page.right.nextCursor !== null && page.right.nextCursor === cursor) return fail(sourceUnavailable('The provider returned the same page token twice; paging stopped'));
        cursor = page.right.nextCursor;
        if (cursor !== null) next = walkPage(scope, cursor);
        for (const ids of A.chunksOf(batchSize)([...page.right.ids])) {
          if (writes.failure() !== null) return;
          await pool.run(fetchAndWrite(ids, page.right.context ?? null));
        }
      } while (cursor !== null && writes.failure() === null);
    };

    try {
      await walk();
      await pool.settled();
    } catch (error: unknown) {
      writes.failUnexpectedly(error);
      await pool.settled().catch(() => undefined);
    }
    const failure = writes.failure();
    return failure === null ? E.right({ progress: writes.progress(), watermark: walkStartedAt }) : E.left(failure);
  };
