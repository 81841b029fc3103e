import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { SyncRunId } from '../../domain/ids.js';
import { isStorableInstant } from '../../domain/storable-instant.js';
import type { SyncMode, SyncProgress } from '../../domain/sync-run.js';
import { pollIdempotencyKey } from '../../domain/task-event.js';
import { persistenceFailure, type DomainError } from '../../errors.js';
import type { IssuePage, IssueQuery } from '../../ports/issue-source.js';
import { reachSourceRepeatedly, type ReachSourceDeps } from '../source-connection.js';
import type { IngestDeps } from './ingest-issues.js';
import { ingestPage, progressAfter } from './ingest-page.js';
import { walkPages } from './page-loop.js';
import { pullByIds, type IdSyncLimits } from './pull-by-ids.js';
import type { RunGuard } from './run-guard.js';

export type PullDeps = IngestDeps &
  ReachSourceDeps & {
    /** Set (with batches in flight), a first or full sync reads by ids where the source can (pull-by-ids.ts); unset, page by page. */
    readonly idSync?: IdSyncLimits;
  };

export interface Pulled {
  readonly progress: SyncProgress;
  /** The newest update time seen, or the query's own bound when nothing was read. */
  readonly watermark: Date | null;
}

// An update time no column holds (year 0, or 10000) was quarantined with its item, and must not
// move the watermark: a watermark in the year 10000 would end every later incremental sync at once.
const laterOf = (a: Date | null, b: Date): Date | null => (!isStorableInstant(b.getTime()) ? a : a === null || b.getTime() > a.getTime() ? b : a);

const queryFor = (connection: Connection, mode: SyncMode): IssueQuery => ({
  updatedSince: mode === 'incremental' && connection.syncState.cursor !== null ? new Date(connection.syncState.cursor) : null,
  projectKeys: connection.projectScope,
});

/**
 * Every page from the tracker, ingested idempotently (a first or full sync of a source with an id
 * walk reads by ids instead: pull-by-ids.ts); an item that cannot be stored is quarantined and its
 * page goes on without it. The guard runs before each tracker call and after each write;
 * the source is reached again for every page, so an OAuth token nearing its expiry during a long
 * sync is refreshed (and the refreshed connection kept for the next pages).
 */
export const pullPages = (
  deps: PullDeps,
  connection: Connection,
  run: { readonly id: SyncRunId; readonly mode: SyncMode },
  start: SyncProgress,
  guard: RunGuard,
  onProgress: (progress: SyncProgress) => void,
) => {
  const query = queryFor(connection, run.mode);
  // Reading everything (every source lists its ids): by ids, many fetches at once, not one page after
  // another. Incremental syncs keep the single search: their answers are small.
  const byIds = deps.idSync;
  if (query.updatedSince === null && byIds !== undefined && byIds.batchesInFlight > 0) {
    return pullByIds(deps, byIds, connection, run, start, guard, onProgress);
  }
  const ingest = ingestPage(deps);
  const reachPage = reachSourceRepeatedly(deps);
  let latest = connection;
  let current: Pulled = { progress: start, watermark: query.updatedSince };
  const fetchPage = (cursor: string | null) =>
    pipe(
      guard(current.progress),
      TE.chainW(() => reachPage(latest)),
      TE.chainW((reach) => {
        latest = reach.current;
        return reach.provider.issues.searchIssues(reach.connection, query, cursor);
      }),
    )();
  const handle = async (state: Pulled, page: IssuePage): Promise<E.Either<DomainError, Pulled>> => {
    const keyed = page.issues.map((issue) => ({ issue, idempotencyKey: pollIdempotencyKey(connection, issue.externalId, issue.version) }));
    // The write holds its connection (a deleted one writes nothing); the guard after it records the
    // page at once, so a run that dies next still shows what it wrote.
    const written = await ingest(connection, run.id, keyed, deps.clock.now())();
    if (E.isLeft(written)) return written;
    current = {
      progress: progressAfter(state.progress, written.right),
      watermark: page.issues.reduce((w, issue) => laterOf(w, issue.updatedAt), state.watermark),
    };
    onProgress(current.progress);
    return pipe(
      await guard(current.progress)(),
      E.map(() => current),
    );
  };
  // A rejection here is a bug, but the run must still be closed rather than left running.
  return (): Promise<E.Either<DomainError, Pulled>> =>
    walkPages(fetchPage, handle, current).catch((error: unknown) =>
      E.left(persistenceFailure(`The sync stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`)),
    );
};
