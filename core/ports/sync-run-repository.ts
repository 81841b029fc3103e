import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { SyncRun } from '../domain/sync-run.js';
import type { PersistenceFailure } from '../errors.js';

/** History of syncs, one row per run. */
export interface SyncRunRepository {
  readonly insert: (run: SyncRun) => TE.TaskEither<PersistenceFailure, SyncRun>;
  readonly finish: (run: SyncRun) => TE.TaskEither<PersistenceFailure, SyncRun>;
  /** Newest first. */
  readonly listForConnection: (
    organizationId: OrganizationId,
    connectionId: ConnectionId,
    limit: number,
  ) => TE.TaskEither<PersistenceFailure, ReadonlyArray<SyncRun>>;
}
