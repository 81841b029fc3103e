import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SyncProgress, SyncRun } from '../../domain/sync-run.js';
import { syncStopped, type DomainError } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { SyncRunRepository } from '../../ports/sync-run-repository.js';

export interface RunGuardDeps {
  readonly connections: ConnectionRepository;
  readonly syncRuns: SyncRunRepository;
  readonly clock: Clock;
  /** How long a run's lease lasts past each renewal. */
  readonly runLeaseMs: number;
}

/** Asked before every call to the tracker and every write: may the run go on? */
export type RunGuard = (progress: SyncProgress) => TE.TaskEither<DomainError, void>;

/**
 * Records the run's progress (renewing its lease) and stops it, as `SyncStopped`, when its worker is
 * shutting down, its connection was deleted or disabled, someone cancelled it, or it is no longer
 * its worker's (the lease ran out and the run was closed). Checked before each tracker call, so no
 * call goes out with the credentials of a connection deleted before it.
 */
export const runGuard =
  (deps: RunGuardDeps, run: SyncRun, stopping: () => boolean): RunGuard =>
  (progress) =>
    stopping()
      ? TE.left(syncStopped(run.connectionId, 'shutdown'))
      : pipe(
          // Two independent reads, in parallel: a page waits for one round trip, not two.
          TE.Do,
          TE.apS('connection', deps.connections.findById(run.organizationId, run.connectionId)),
          TE.apS('signal', deps.syncRuns.recordProgress(run, progress, new Date(deps.clock.now().getTime() + deps.runLeaseMs))),
          TE.chainW(({ connection, signal }) => {
            if (connection === null) return TE.left(syncStopped(run.connectionId, 'connection-deleted'));
            if (!connection.enabled) return TE.left(syncStopped(run.connectionId, 'connection-disabled'));
            return signal === 'continue' ? TE.right(undefined) : TE.left(syncStopped(run.connectionId, signal === 'cancel' ? 'cancelled' : 'lease-lost'));
          }),
        );
