import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../domain/connection.js';
import type { SyncProgress, SyncRun } from '../domain/sync-run.js';
import { syncStopped, type DomainError, type PersistenceFailure } from '../errors.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { SyncJob, SyncQueue } from '../ports/sync-queue.js';
import { reachSource } from './source-connection.js';
import { finishRun, type Attempt, type FinishRunDeps, type JobOutcome, type RunDone } from './sync/finish-run.js';
import { pullPages } from './sync/pull-pages.js';
import { runGuard, type RunGuard, type RunGuardDeps } from './sync/run-guard.js';
import { sweepConnection, type SweepDeps } from './sync/sweep-connection.js';
import { openRun } from './sync/open-run.js';

export interface RunSyncJobDeps extends SweepDeps, RunGuardDeps, FinishRunDeps {
  readonly syncQueue: SyncQueue;
  readonly ids: IdGenerator;
}

export interface RunSyncJobCommand extends SyncJob, Attempt {
  /** True once the worker is shutting down: the run stops before its next tracker call and is closed as interrupted. */
  readonly stopping: () => boolean;
}

interface ProgressCell {
  readonly get: () => SyncProgress;
  readonly set: (progress: SyncProgress) => void;
}

const execute = (deps: RunSyncJobDeps, run: SyncRun, connection: Connection, guard: RunGuard, progress: ProgressCell) => {
  const sweep = (): TE.TaskEither<DomainError, void> =>
    pipe(
      sweepConnection(deps)(connection, progress.get(), guard),
      TE.map((counts) => progress.set({ ...progress.get(), sweep: counts })),
    );
  if (run.mode === 'sweep') return pipe(sweep(), TE.map((): RunDone => ({ swept: true })));
  return pipe(
    pullPages(deps, connection, run, progress.get(), guard, progress.set),
    TE.chainW((pulled) => {
      progress.set(pulled.progress);
      const done: RunDone = { watermark: pulled.watermark, swept: run.mode === 'full' };
      return run.mode === 'full' ? pipe(sweep(), TE.map(() => done)) : TE.right<DomainError, RunDone>(done);
    }),
  );
};

/** Before anything else: the connection must exist, be enabled, and its source be reachable. */
const connectionFor = (deps: RunSyncJobDeps, run: SyncRun): TE.TaskEither<DomainError, Connection> =>
  pipe(
    deps.connections.findById(run.organizationId, run.connectionId),
    TE.chainW((found) =>
      found === null
        ? TE.left(syncStopped(run.connectionId, 'connection-deleted'))
        : found.enabled
          ? TE.right(found)
          : TE.left(syncStopped(run.connectionId, 'connection-disabled')),
    ),
    TE.chainFirstW((connection) => reachSource(deps)(connection)),
  );

/** A run interrupted by its worker's shutdown goes on elsewhere: the same work, queued again as a retry. */
const continueElsewhere = (deps: RunSyncJobDeps, run: SyncRun) =>
  pipe(
    openRun(deps)({ organizationId: run.organizationId, connectionId: run.connectionId, trigger: 'retry', mode: run.mode, attempt: run.attempt + 1, ...(run.requestedBy === null ? {} : { origin: run.requestedBy }) }),
    TE.map(() => undefined),
    TE.orElseW((e) => (e._tag === 'SyncInProgress' ? TE.right(undefined) : TE.left(e))),
  );

/**
 * What a worker does with a sync job: claims the queued run (a run already taken, cancelled or
 * finished needs nothing), reads the tracker page by page (and sweeps, for a full run or a sweep),
 * checking before every call that the run may go on, then closes the run. A transient failure with
 * attempts left answers `retry`, and the queue runs the job again after its backoff.
 */
export const runSyncJob =
  (deps: RunSyncJobDeps) =>
  (command: RunSyncJobCommand): TE.TaskEither<PersistenceFailure, JobOutcome> => {
    const now = deps.clock.now();
    return pipe(
      deps.syncRuns.claim(command.organizationId, command.runId, now, new Date(now.getTime() + deps.runLeaseMs)),
      TE.chainW((run) => {
        if (run === null) return TE.right<PersistenceFailure, JobOutcome>('done');
        let latest: SyncProgress = { pages: run.pages, counts: run.counts, sweep: run.sweep, quarantine: run.quarantine };
        const cell: ProgressCell = { get: () => latest, set: (progress) => void (latest = progress) };
        const guard = runGuard(deps, run, command.stopping);
        const tracked: RunGuard = (progress) => (cell.set(progress), guard(progress));
        const work = pipe(
          connectionFor(deps, run),
          TE.chainW((connection) => execute(deps, run, connection, tracked, cell)),
        );
        return pipe(
          TE.fromTask(work),
          TE.chainW((outcome) => pipe(finishRun(deps)(run, outcome, latest, command), TE.map((job) => ({ job, outcome })))),
          TE.chainFirstW(({ outcome }) =>
            E.isLeft(outcome) && outcome.left._tag === 'SyncStopped' && outcome.left.reason === 'shutdown' ? continueElsewhere(deps, run) : TE.right(undefined),
          ),
          TE.map(({ job }) => job),
        );
      }),
    );
  };

