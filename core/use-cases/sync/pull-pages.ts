import type { Connection } from '../../domain/connection.js';
import type { SyncRunId } from '../../domain/ids.js';
import type { SyncMode, SyncProgress } from '../../domain/sync-run.js';
import type { IssueQuery } from '../../ports/issue-source.js';
import type { ReachSourceDeps } from '../source-connection.js';
import type { IngestDeps } from './ingest-issues.js';
import { pullByIds, type IdSyncLimits } from './pull-by-ids.js';
import { pullInPages } from './pull-in-pages.js';
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

const queryFor = (connection: Connection, mode: SyncMode): IssueQuery => ({
  updatedSince: mode === 'incremental' && connection.syncState.cursor !== null ? new Date(connection.syncState.cursor) : null,
  projectKeys: connection.projectScope,
});

/**
 * Every item the run's query covers, ingested idempotently: page after page (pull-in-pages.ts), or,
 * for a first or full sync of a source with an id walk, by ids (pull-by-ids.ts). An item that cannot
 * be stored is quarantined and its write goes on without it.
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
  return pullInPages(deps, connection, run, query, start, guard, onProgress);
};
