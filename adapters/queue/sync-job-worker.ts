import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import type PgBoss from 'pg-boss';
import {
  asEntityId,
  asOrganizationId,
  toFieldIssues,
  type JobOutcome,
  type PersistenceFailure,
  type RunSyncJobCommand,
  type SyncJob,
} from '../../core/index.js';
import { SYNC_JOBS } from './pg-boss.js';

/** A job's data is a boundary like any other: decoded before use. */
const SyncJobCodec = t.type({ organizationId: t.string, connectionId: t.string, runId: t.string }, 'SyncJob');

export interface SyncJobWorkerOptions {
  /** Core's `runSyncJob`, bound. */
  readonly run: (command: RunSyncJobCommand) => TE.TaskEither<PersistenceFailure, JobOutcome>;
  /** Renews a running run's lease (every third of the lease while a job runs). */
  readonly renewLease: (job: SyncJob) => Promise<void>;
  readonly leaseMs: number;
  /** Jobs run at once by this process. */
  readonly concurrency: number;
  /** How often an idle worker asks for a job (pg-boss's floor is 0.5 s). */
  readonly pollingIntervalSeconds: number;
  readonly onError: (message: string, detail: Record<string, unknown>) => void;
}

export interface SyncJobWorker {
  /** Jobs this process runs right now. */
  readonly inFlight: () => number;
  /** A job was just queued: poll now rather than at the next interval. */
  readonly wake: () => void;
  /**
   * Takes no more jobs, waits up to `graceMs` for the running ones, then asks them to stop before
   * their next tracker call (their runs end interrupted, with their counts) and waits for that.
   */
  readonly stop: (graceMs: number) => Promise<void>;
}

class RetryLater extends Error {}

const STOP_WAIT_MS = 15_000;

const decodeJob = (data: unknown): E.Either<string, SyncJob> =>
  E.bimap(
    (errors: t.Errors) => toFieldIssues(errors).map((issue) => `${issue.path} ${issue.message}`).join('; '),
    (job: t.TypeOf<typeof SyncJobCodec>): SyncJob => ({ organizationId: asOrganizationId(job.organizationId), connectionId: asEntityId(job.connectionId), runId: asEntityId(job.runId) }),
  )(SyncJobCodec.decode(data));

const within = (ms: number, work: Promise<unknown>) => Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/**
 * Runs sync jobs from pg-boss in this process: each job's data is decoded, its run's lease renewed
 * on a timer while it runs, and a `retry` outcome (or a database failure) is thrown so pg-boss
 * retries the job with its backoff.
 */
export const startSyncJobWorker = async (boss: PgBoss, options: SyncJobWorkerOptions): Promise<SyncJobWorker> => {
  let stopping = false;
  const running = new Set<Promise<unknown>>();
  const handle = async (job: PgBoss.JobWithMetadata<unknown>) => {
    const decoded = decodeJob(job.data);
    if (E.isLeft(decoded)) return options.onError('a sync job with unreadable data was dropped', { jobId: job.id, problem: decoded.left });
    const heartbeat = setInterval(() => void options.renewLease(decoded.right).catch(() => undefined), Math.max(250, Math.floor(options.leaseMs / 3)));
    try {
      const outcome = await options.run({ ...decoded.right, attempt: job.retryCount + 1, maxAttempts: job.retryLimit + 1, stopping: () => stopping })();
      if (E.isLeft(outcome)) throw new RetryLater(outcome.left.message);
      if (outcome.right === 'retry') throw new RetryLater('a transient failure; the run is queued again');
    } finally {
      clearInterval(heartbeat);
    }
  };
  const tracked = async (jobs: ReadonlyArray<PgBoss.JobWithMetadata<unknown>>) => {
    const work = Promise.all(jobs.map(handle));
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
    }
  };
  const workerIds: string[] = [];
  for (let i = 0; i < options.concurrency; i += 1) {
    workerIds.push(await boss.work(SYNC_JOBS, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds }, tracked));
  }
  return {
    inFlight: () => running.size,
    wake: () => (stopping ? undefined : workerIds.forEach((id) => boss.notifyWorker(id))),
    stop: async (graceMs) => {
      await boss.offWork(SYNC_JOBS);
      await within(graceMs, Promise.allSettled([...running]));
      stopping = true;
      // A run stops before its next tracker call; one stuck past this is left to its lease.
      await within(STOP_WAIT_MS, Promise.allSettled([...running]));
    },
  };
};
