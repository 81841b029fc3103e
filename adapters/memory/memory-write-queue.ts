import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { JobOutcome, PersistenceFailure, RunWriteJobCommand, WriteJob, WriteQueue, WriteRepository } from '../../core/index.js';

type Handler = (command: RunWriteJobCommand) => TE.TaskEither<PersistenceFailure, JobOutcome>;

export interface MemoryWriteQueue extends WriteQueue {
  /** Runs every job queued from now on (and those waiting) with `handler`, reading writes from `writes`. */
  readonly attach: (handler: Handler, writes: WriteRepository) => void;
  /** Every job ever queued, in order. */
  readonly jobs: ReadonlyArray<WriteJob>;
}

/**
 * A queue in one process that runs each write as soon as it is queued, retrying at once (no
 * backoff) while the handler asks to: the worker of core's tests. Without a handler, jobs wait.
 */
export const memoryWriteQueue = (options: { readonly maxAttempts?: number } = {}): MemoryWriteQueue => {
  const maxAttempts = options.maxAttempts ?? 3;
  const jobs: WriteJob[] = [];
  const waiting: WriteJob[] = [];
  const inFlight = new Map<string, Promise<void>>();
  let attached: { readonly handler: Handler; readonly writes: WriteRepository } | undefined;
  const run = async (job: WriteJob) => {
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const outcome = await attached!.handler({ ...job, attempt, maxAttempts })();
      if (E.isLeft(outcome) || outcome.right === 'done') return;
    }
  };
  const start = (job: WriteJob) => {
    const done = new Promise<void>((resolve) => setImmediate(() => void run(job).finally(resolve)));
    inFlight.set(job.writeId, done);
    void done.then(() => inFlight.delete(job.writeId));
  };
  return {
    jobs,
    attach: (handler, writes) => {
      attached = { handler, writes };
      waiting.splice(0).forEach(start);
    },
    enqueue: (job) => {
      jobs.push(job);
      if (attached === undefined) waiting.push(job);
      else start(job);
      return TE.right(undefined);
    },
    settled: (job, timeoutMs) => async () => {
      const running = inFlight.get(job.writeId);
      if (running !== undefined) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
      if (attached === undefined) return E.right(null);
      return attached.writes.findById(job.organizationId, job.writeId)();
    },
  };
};
