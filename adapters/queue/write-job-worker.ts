import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import type PgBoss from 'pg-boss';
import { asEntityId, asOrganizationId, toFieldIssues, type JobOutcome, type PersistenceFailure, type RunWriteJobCommand } from '../../core/index.js';
import { WRITE_JOBS } from './pg-boss.js';

const WriteJobCodec = t.type({ organizationId: t.string, writeId: t.string }, 'WriteJob');

export interface WriteJobWorkerOptions {
  /** Core's `runWriteJob`, bound. */
  readonly run: (command: RunWriteJobCommand) => TE.TaskEither<PersistenceFailure, JobOutcome>;
  readonly concurrency: number;
  readonly pollingIntervalSeconds: number;
  readonly onError: (message: string, detail: Record<string, unknown>) => void;
}

export interface WriteJobWorker {
  readonly wake: () => void;
  readonly stop: () => Promise<void>;
}

class RetryLater extends Error {}

/** Runs write jobs from pg-boss: a `retry` outcome is thrown so pg-boss retries the job with its backoff. */
export const startWriteJobWorker = async (boss: PgBoss, options: WriteJobWorkerOptions): Promise<WriteJobWorker> => {
  const handle = async (job: PgBoss.JobWithMetadata<unknown>) => {
    const decoded = WriteJobCodec.decode(job.data);
    if (E.isLeft(decoded)) return options.onError('a write job with unreadable data was dropped', { jobId: job.id, problem: toFieldIssues(decoded.left) });
    const command = { organizationId: asOrganizationId(decoded.right.organizationId), writeId: asEntityId(decoded.right.writeId), attempt: job.retryCount + 1, maxAttempts: job.retryLimit + 1 };
    const outcome = await options.run(command)();
    if (E.isLeft(outcome)) throw new RetryLater(outcome.left.message);
    if (outcome.right === 'retry') throw new RetryLater('a transient failure; the write is queued again');
  };
  const ids: string[] = [];
  for (let i = 0; i < options.concurrency; i += 1) {
    ids.push(await boss.work(WRITE_JOBS, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds }, async (jobs) => void (await Promise.all(jobs.map(handle)))));
  }
  return {
    wake: () => ids.forEach((id) => boss.notifyWorker(id)),
    stop: () => boss.offWork(WRITE_JOBS),
  };
};
