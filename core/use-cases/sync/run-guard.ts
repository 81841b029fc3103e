import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { SyncProgress, SyncRun } from '../../domain/sync-run.js';
import { syncStopped, type DomainError } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { RunSignal, SyncRunRepository } from '../../ports/sync-run-repository.js';

export interface RunGuardDeps {
  readonly syncRuns: SyncRunRepository;
  readonly clock: Clock;
  /** How long a run's lease lasts past each renewal. */
  readonly runLeaseMs: number;
}

/** Asked before every call to the tracker and every write: may the run go on? */
export type RunGuard = (progress: SyncProgress) => TE.TaskEither<DomainError, void>;

const stopReasons = {
  'connection-deleted': 'connection-deleted',
  'connection-disabled': 'connection-disabled',
  cancel: 'cancelled',
  lost: 'lease-lost',
} as const;

const allowed = (run: SyncRun, signal: RunSignal): E.Either<DomainError, void> =>
  signal === 'continue' ? E.right(undefined) : E.left(syncStopped(run.connectionId, stopReasons[signal]));

/**
 * Records the run's progress (renewing its lease) and stops it, as `SyncStopped`, when its worker is
 * shutting down, its connection was deleted or disabled, someone cancelled it, or it is no longer
 * its worker's (the lease ran out and the run was closed), in one round trip (`recordProgress`
 * reads the connection too). Checked before each tracker call, so no call goes out with the
 * credentials of a connection deleted before it. Calls made while a check of the same progress is
 * in flight (a sync by ids starting several fetches at once) share its answer, which comes after
 * they asked; a check that has been answered is never reused.
 */
export const runGuard = (deps: RunGuardDeps, run: SyncRun, stopping: () => boolean): RunGuard => {
  let inFlight: { readonly progress: SyncProgress; readonly answer: Promise<E.Either<DomainError, void>> } | null = null;
  const check = async (progress: SyncProgress): Promise<E.Either<DomainError, void>> => {
    const signal = await deps.syncRuns.recordProgress(run, progress, new Date(deps.clock.now().getTime() + deps.runLeaseMs))();
    return E.isLeft(signal) ? signal : allowed(run, signal.right);
  };
  return (progress) => () => {
    if (stopping()) return Promise.resolve(E.left(syncStopped(run.connectionId, 'shutdown')));
    // The same progress object: nothing was recorded since the check in flight was asked.
    if (inFlight !== null && inFlight.progress === progress) return inFlight.answer;
    const answer = check(progress).finally(() => {
      if (inFlight?.answer === answer) inFlight = null;
    });
    inFlight = { progress, answer };
    return answer;
  };
};
