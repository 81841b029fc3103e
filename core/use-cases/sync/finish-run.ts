import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SyncState, SyncStatus } from '../../domain/connection.js';
import type { FinishedRunStatus, RunFailure, SyncProgress, SyncRun } from '../../domain/sync-run.js';
import { describeError, type DomainError, type PersistenceFailure } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { SyncRunRepository } from '../../ports/sync-run-repository.js';
import type { SyncScheduleStore } from '../../ports/sync-schedule.js';
import { recordRunClosed, type RunRecordDeps } from './run-records.js';

export interface FinishRunDeps extends RunRecordDeps {
  readonly connections: ConnectionRepository;
  readonly syncRuns: SyncRunRepository;
  readonly syncSchedule: SyncScheduleStore;
  readonly clock: Clock;
}

/** What a run achieved when it ran to its end. */
export interface RunDone {
  /** The new watermark of a pull; undefined when the run read no items (a sweep) and the cursor stays. */
  readonly watermark?: Date | null;
  readonly swept: boolean;
}

/** The queue's part: `retry` asks it to run the job again later (with its backoff), `done` ends the job. */
export type JobOutcome = 'done' | 'retry';

export interface Attempt {
  readonly attempt: number;
  readonly maxAttempts: number;
}

const TRANSIENT: ReadonlyArray<DomainError['_tag']> = ['SourceUnavailable', 'SourceRateLimited', 'PersistenceFailure'];

/** How an error ends a run: in the queue again for a retry, or with its final status. */
const statusFor = (error: DomainError, attempt: Attempt): FinishedRunStatus | 'queued' => {
  if (error._tag === 'SyncStopped') return error.reason === 'shutdown' || error.reason === 'lease-lost' ? 'interrupted' : 'cancelled';
  return TRANSIENT.includes(error._tag) && attempt.attempt < attempt.maxAttempts ? 'queued' : 'failed';
};

/** What the run keeps of its error: enough for sync-now to answer as if it had run the sync itself. */
const failureOf = (error: DomainError, message: string): RunFailure => ({
  code: error._tag,
  message,
  ...(error._tag === 'SourceRateLimited' ? { retryAfterMs: error.retryAfterMs } : {}),
  ...(error._tag === 'SourceConfigurationInvalid' ? { details: error.details } : {}),
});

const syncStateAfter = (previous: SyncState, status: SyncStatus, at: Date, error: string | null, watermark: Date | null | undefined): SyncState => ({
  cursor: status === 'succeeded' && watermark !== undefined ? (watermark?.toISOString() ?? previous.cursor) : previous.cursor,
  lastSyncAt: at,
  lastSyncStatus: status,
  lastSyncError: error,
});

/**
 * Closes a run that ran to its end or stopped: succeeded, failed (a refused credential also pauses
 * the schedule), cancelled, interrupted (kept with its counts), or back in the queue when a
 * transient failure has attempts left. A run already closed by someone else is left as it is.
 */
export const finishRun =
  (deps: FinishRunDeps) =>
  (run: SyncRun, outcome: E.Either<DomainError, RunDone>, progress: SyncProgress, attempt: Attempt): TE.TaskEither<PersistenceFailure, JobOutcome> => {
    const now = deps.clock.now();
    if (E.isLeft(outcome) && outcome.left._tag === 'SyncStopped' && outcome.left.reason === 'lease-lost') return TE.right('done');
    if (E.isRight(outcome)) {
      const done = outcome.right;
      const finished: SyncRun = { ...run, ...progress, status: 'succeeded', error: null, failure: null, finishedAt: now, leaseExpiresAt: null };
      return pipe(
        recordRunClosed(deps, finished, (previous) => syncStateAfter(previous, 'succeeded', now, null, done.watermark)),
        TE.chainW(() => (done.swept ? deps.syncSchedule.recordSweep(run.organizationId, run.connectionId, now) : TE.right(undefined))),
        TE.map(() => 'done' as const),
      );
    }
    const error = outcome.left;
    const status = statusFor(error, attempt);
    const message = describeError(error);
    const closed: SyncRun = {
      ...run,
      ...progress,
      status,
      error: status === 'queued' ? `Attempt ${attempt.attempt} failed, retrying: ${message}` : message,
      failure: failureOf(error, message),
      finishedAt: status === 'queued' ? null : now,
      leaseExpiresAt: null,
    };
    return pipe(
      // A run stopped by its worker's shutdown is always queued again (run-sync-job's continueElsewhere).
      recordRunClosed(deps, closed, status === 'queued' ? null : (previous) => syncStateAfter(previous, status, now, message, undefined), status === 'interrupted' ? { retried: true } : {}),
      TE.chainW(() =>
        error._tag === 'SourceAuthRejected' ? deps.syncSchedule.pause(run.organizationId, run.connectionId, { at: now, reason: message }) : TE.right(undefined),
      ),
      TE.map(() => (status === 'queued' ? 'retry' : 'done')),
    );
  };
