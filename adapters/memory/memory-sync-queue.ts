import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  isOpenRun,
  persistenceFailure,
  runSyncJob,
  type JobOutcome,
  type PersistenceFailure,
  type RunSyncJobCommand,
  type RunSyncJobDeps,
  type SyncJob,
  type SyncQueue,
  type SyncRunRepository,
} from '../../core/index.js';

type Handler = (command: RunSyncJobCommand) => TE.TaskEither<PersistenceFailure, JobOutcome>;

export interface MemorySyncQueue extends SyncQueue {
  /** Runs every job queued from now on (and those waiting) with `handler`, reading runs from `syncRuns`. */
  readonly attach: (handler: Handler, syncRuns: SyncRunRepository) => void;
  /** Every job ever queued, in order. */
  readonly jobs: ReadonlyArray<SyncJob>;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

/**
 * A queue in one process that runs each job as soon as it is queued, retrying at once (no
 * backoff) while the handler asks to: the worker of core's tests. Without a handler, jobs wait.
 */
export const memorySyncQueue = (options: { readonly maxAttempts?: number } = {}): MemorySyncQueue => {
  const maxAttempts = options.maxAttempts ?? 3;
  const jobs: SyncJob[] = [];
  const waiting: SyncJob[] = [];
  // Jobs being run here, by run id: waiting for one costs nothing until it ends.
  const inFlight = new Map<string, Promise<void>>();
  let attached: { readonly handler: Handler; readonly syncRuns: SyncRunRepository } | undefined;
  const run = async (job: SyncJob) => {
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const outcome = await attached!.handler({ ...job, attempt, maxAttempts, stopping: () => false })();
      if (E.isLeft(outcome) || outcome.right === 'done') return;
    }
  };
  const start = (job: SyncJob) => {
    const done = new Promise<void>((resolve) => setImmediate(() => void run(job).finally(resolve)));
    inFlight.set(job.runId, done);
    void done.then(() => inFlight.delete(job.runId));
  };
  return {
    jobs,
    attach: (handler, syncRuns) => {
      attached = { handler, syncRuns };
      waiting.splice(0).forEach(start);
    },
    enqueue: (job) => {
      jobs.push(job);
      if (attached === undefined) waiting.push(job);
      else start(job);
      return TE.right(undefined);
    },
    isPending: (job) => TE.right(waiting.some((w) => w.runId === job.runId) || inFlight.has(job.runId)),
    settled: (job) => async () => {
      for (;;) {
        if (attached === undefined) return E.left(persistenceFailure('No worker runs the queued syncs'));
        const found = await attached.syncRuns.findById(job.organizationId, job.connectionId, job.runId)();
        if (E.isLeft(found)) return found;
        if (found.right === null) return E.left(persistenceFailure(`Sync run ${job.runId} disappeared`));
        if (!isOpenRun(found.right.status)) return E.right(found.right);
        await (inFlight.get(job.runId) ?? tick());
      }
    },
  };
};

/** Makes `deps.syncQueue` (a memory queue) run its jobs with core's `runSyncJob` over these same dependencies. */
export const runSyncsInline = <D extends RunSyncJobDeps & { readonly syncQueue: MemorySyncQueue }>(deps: D): D => {
  deps.syncQueue.attach(runSyncJob(deps), deps.syncRuns);
  return deps;
};
