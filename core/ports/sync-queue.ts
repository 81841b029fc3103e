import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId, SyncRunId } from '../domain/ids.js';
import type { SyncRun } from '../domain/sync-run.js';
import type { PersistenceFailure } from '../errors.js';

/** The job that executes one queued run; its data is only identifiers, the run row holds the rest. */
export interface SyncJob {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly runId: SyncRunId;
}

/**
 * Durable background execution of sync runs, shared by every process on the same database: any
 * worker may take a job. Retries of transient failures, their backoff, and the job's own expiry
 * belong to the queue; the run's outcome belongs to the run.
 */
export interface SyncQueue {
  /** Queues the job of a run that `SyncRunRepository.open` recorded. */
  readonly enqueue: (job: SyncJob) => TE.TaskEither<PersistenceFailure, void>;
  /** Whether the run's job is still waiting or being worked on (false once it is gone or given up). */
  readonly isPending: (job: SyncJob) => TE.TaskEither<PersistenceFailure, boolean>;
  /** Waits until the run is finished (whichever worker ran it) and answers it. */
  readonly settled: (job: SyncJob) => TE.TaskEither<PersistenceFailure, SyncRun>;
}
