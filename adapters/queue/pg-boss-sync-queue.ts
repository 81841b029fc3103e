import * as E from 'fp-ts/lib/Either.js';
import type PgBoss from 'pg-boss';
import { isOpenRun, persistenceFailure, type SyncQueue, type SyncRunRepository } from '../../core/index.js';
import { SYNC_JOBS, type SyncJobPolicy } from './pg-boss.js';

export interface PgBossSyncQueueOptions {
  readonly policy: SyncJobPolicy;
  /** How often `settled` looks at a run it waits for (100 ms by default). */
  readonly pollMs?: number;
  /** Called once a job is queued: a worker in this process can take it at once instead of at its next poll. */
  readonly onQueued?: () => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The SyncQueue port on pg-boss: a job per run (its id is the run's, so a run is queued once), with
 * the policy's retries and backoff. `settled` waits on the run row, wherever the job runs.
 */
export const pgBossSyncQueue = (boss: PgBoss, syncRuns: SyncRunRepository, options: PgBossSyncQueueOptions): SyncQueue => ({
  enqueue: (job) => async () => {
    try {
      await boss.send(SYNC_JOBS, { ...job }, {
        id: job.runId,
        retryLimit: options.policy.maxAttempts - 1,
        retryDelay: options.policy.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: options.policy.expireInSeconds,
      });
      options.onQueued?.();
      return E.right(undefined);
    } catch (error) {
      return E.left(persistenceFailure(`Queueing the sync job failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  },
  isPending: (job) => async () => {
    try {
      const found = await boss.getJobById(SYNC_JOBS, job.runId);
      return E.right(found !== null && ['created', 'retry', 'active'].includes(found.state));
    } catch (error) {
      return E.left(persistenceFailure(`Reading the sync job failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  },
  settled: (job) => async () => {
    for (;;) {
      const found = await syncRuns.findById(job.organizationId, job.connectionId, job.runId)();
      if (E.isLeft(found)) return found;
      if (found.right === null) return E.left(persistenceFailure(`Sync run ${job.runId} disappeared`));
      if (!isOpenRun(found.right.status)) return E.right(found.right);
      await sleep(options.pollMs ?? 100);
    }
  },
});
