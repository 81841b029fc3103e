import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, OrganizationId, SyncRunId } from '../domain/ids.js';
import type { SyncRun } from '../domain/sync-run.js';
import { syncRunNotFound, type DomainError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { SyncRunRepository } from '../ports/sync-run-repository.js';
import { loadConnection } from './load-connection.js';

export interface CancelSyncRunDeps {
  readonly connections: ConnectionRepository;
  readonly syncRuns: SyncRunRepository;
  readonly clock: Clock;
}

/**
 * Cancels a run of a connection of the organization: a queued run at once, a running one between
 * two pages (it then ends `cancelled` with what it had written). A finished run is answered as it
 * is; cancelling never undoes what a run wrote.
 */
export const cancelSyncRun =
  (deps: CancelSyncRunDeps) =>
  (organizationId: OrganizationId, connectionId: ConnectionId, runId: SyncRunId): TE.TaskEither<DomainError, SyncRun> =>
    pipe(
      loadConnection(deps.connections)(organizationId, connectionId),
      TE.chainW(() => deps.syncRuns.requestCancel(organizationId, connectionId, runId, deps.clock.now())),
      TE.chainW((cancelled) => (cancelled === null ? deps.syncRuns.findById(organizationId, connectionId, runId) : TE.right(cancelled))),
      TE.chainW((run) => (run === null ? TE.left(syncRunNotFound(runId)) : TE.right(run))),
    );
