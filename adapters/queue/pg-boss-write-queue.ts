import * as E from 'fp-ts/lib/Either.js';
import type PgBoss from 'pg-boss';
import { isFinishedWrite, persistenceFailure, type WriteQueue, type WriteRepository } from '../../core/index.js';
import { WRITE_JOB_POLICY, WRITE_JOBS } from './pg-boss.js';

export interface PgBossWriteQueueOptions {
  /** How often `settled` looks at a write it waits for (100 ms by default). */
  readonly pollMs?: number;
  /** Called once a job is queued: a worker in this process can take it at once. */
  readonly onQueued?: () => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The WriteQueue port on pg-boss: a job per write (its id is the write's, so a write is queued
 * once), retried with exponential backoff. `settled` waits on the write row, wherever the job runs.
 */
export const pgBossWriteQueue = (boss: PgBoss, writes: WriteRepository, options: PgBossWriteQueueOptions = {}): WriteQueue => ({
  enqueue: (job) => async () => {
    try {
      await boss.send(WRITE_JOBS, { ...job }, {
        id: job.writeId,
        retryLimit: WRITE_JOB_POLICY.maxAttempts - 1,
        retryDelay: WRITE_JOB_POLICY.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: WRITE_JOB_POLICY.expireInSeconds,
      });
      options.onQueued?.();
      return E.right(undefined);
    } catch (error) {
      return E.left(persistenceFailure(`Queueing the write failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  },
  settled: (job, timeoutMs) => async () => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await writes.findById(job.organizationId, job.writeId)();
      if (E.isLeft(found) || found.right === null || isFinishedWrite(found.right) || Date.now() >= deadline) return found;
      await sleep(options.pollMs ?? 100);
    }
  },
});
