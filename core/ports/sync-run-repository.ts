import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId, SyncRunId } from '../domain/ids.js';
import type { SyncProgress, SyncRun } from '../domain/sync-run.js';
import type { PersistenceFailure, SyncInProgress } from '../errors.js';

/** What a running run is told when it reports progress: whether it may go on, and if not, why. */
export type RunSignal = 'continue' | 'cancel' | 'lost' | 'connection-deleted' | 'connection-disabled';

/**
 * History of syncs, one row per run, and the one rule that a connection has at most one open run
 * (queued or running) at a time, across every process sharing the store. A running run holds a
 * lease that its worker renews; a run whose lease ran out belongs to a process that is gone.
 */
export interface SyncRunRepository {
  /** Records a queued run, or `SyncInProgress` when the connection already has an open one. */
  readonly open: (run: SyncRun) => TE.TaskEither<SyncInProgress | PersistenceFailure, SyncRun>;
  /**
   * Moves a queued run to running with a lease until `leaseUntil`; null when the run is not queued
   * (cancelled, finished, or taken by another worker), in which case there is nothing to do.
   */
  readonly claim: (organizationId: OrganizationId, id: SyncRunId, now: Date, leaseUntil: Date) => TE.TaskEither<PersistenceFailure, SyncRun | null>;
  /**
   * Records a running run's progress and extends its lease, and reads in the same round trip whether
   * the run may go on: `connection-deleted` or `connection-disabled` when its connection is gone or
   * switched off (whatever else holds), `lost` when the run is no longer running (its lease ran out
   * and it was closed), `cancel` once a cancel was requested.
   */
  readonly recordProgress: (run: SyncRun, progress: SyncProgress, leaseUntil: Date) => TE.TaskEither<PersistenceFailure, RunSignal>;
  /** Extends a running run's lease without other change (a heartbeat while a page takes long). */
  readonly renewLease: (organizationId: OrganizationId, id: SyncRunId, leaseUntil: Date) => TE.TaskEither<PersistenceFailure, void>;
  /**
   * Writes a run's final state, or puts it back in the queue (`status: 'queued'`) for a retry.
   * Only an open run changes; null when it was already closed (by the reaper, or a cancel).
   */
  readonly finish: (run: SyncRun) => TE.TaskEither<PersistenceFailure, SyncRun | null>;
  /** A queued run is cancelled at once; a running one is asked to stop between pages. Null when it was not open. */
  readonly requestCancel: (
    organizationId: OrganizationId,
    connectionId: ConnectionId,
    id: SyncRunId,
    now: Date,
  ) => TE.TaskEither<PersistenceFailure, SyncRun | null>;
  /** Closes every running run whose lease ran out before `now` as interrupted, keeping its counts; answers them. */
  readonly closeExpired: (now: Date, reason: string) => TE.TaskEither<PersistenceFailure, ReadonlyArray<SyncRun>>;
  /** Queued runs queued before `before`, oldest first: a worker should have taken them by now. */
  readonly findQueuedBefore: (before: Date, limit: number) => TE.TaskEither<PersistenceFailure, ReadonlyArray<SyncRun>>;
  readonly findById: (organizationId: OrganizationId, connectionId: ConnectionId, id: SyncRunId) => TE.TaskEither<PersistenceFailure, SyncRun | null>;
  /** Newest first. */
  readonly listForConnection: (
    organizationId: OrganizationId,
    connectionId: ConnectionId,
    limit: number,
  ) => TE.TaskEither<PersistenceFailure, ReadonlyArray<SyncRun>>;
}
