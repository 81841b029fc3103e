import * as E from 'fp-ts/lib/Either.js';
import type { Logger } from 'pino';
import type PgBoss from 'pg-boss';
import { startSyncJobWorker } from '../../adapters/queue/sync-job-worker.js';
import { startWriteJobWorker } from '../../adapters/queue/write-job-worker.js';
import { RETENTION_JOBS } from '../../adapters/queue/pg-boss.js';
import type { RetentionWindows, Trimmed } from '../../adapters/postgres/postgres-retention.js';
import type { SyncRunRepository, UseCases } from '../../core/index.js';

export interface WorkerSettings {
  readonly leaseMs: number;
  readonly concurrency: number;
  readonly pollSeconds: number;
  /** How often this worker looks for due syncs and for runs whose worker is gone. */
  readonly tickSeconds: number;
  readonly retention: { readonly eventDays: number; readonly inboxDays: number; readonly cron: string };
}

export interface WorkerParts {
  readonly boss: PgBoss;
  readonly useCases: Pick<UseCases, 'runSyncJob' | 'runWriteJob' | 'planScheduledSyncs' | 'closeInterruptedRuns'>;
  readonly syncRuns: SyncRunRepository;
  readonly trimHistory: (windows: RetentionWindows) => Promise<Trimmed>;
  readonly logger: Logger;
  readonly settings: WorkerSettings;
}

export interface RunningWorker {
  /** A sync was just queued in this process: take it now. */
  readonly wake: () => void;
  /** Takes no more work; waits for running syncs up to `graceMs`, then interrupts them (with their counts) and stops. */
  readonly stop: (graceMs: number) => Promise<void>;
}

const DAY_MS = 86_400_000;
const DUE_PER_TICK = 200;

/**
 * A taskport worker: runs sync jobs from the queue, and on every tick closes the runs of workers
 * that are gone (retrying them) and queues the syncs and sweeps that are due; retention runs on
 * pg-boss's cron. Any number of workers share one database; each due slot is taken by one.
 */
export const startWorker = async (parts: WorkerParts): Promise<RunningWorker> => {
  const { useCases, logger, settings } = parts;
  const reap = async () => {
    const closed = await useCases.closeInterruptedRuns()();
    if (E.isLeft(closed)) logger.warn({ err: { message: closed.left.message } }, 'could not close interrupted sync runs; trying again next tick');
    else if (closed.right.length > 0) logger.warn({ runs: closed.right.map((run) => ({ id: run.id, connectionId: run.connectionId, counts: run.counts })) }, 'closed sync runs whose worker is gone');
  };
  const plan = async () => {
    const planned = await useCases.planScheduledSyncs(DUE_PER_TICK)();
    if (E.isLeft(planned)) logger.warn({ err: { message: planned.left.message } }, 'could not queue the due syncs; trying again next tick');
    else if (planned.right.queued > 0) logger.info(planned.right, 'queued scheduled syncs');
  };
  await reap();
  const jobs = await startSyncJobWorker(parts.boss, {
    run: useCases.runSyncJob,
    renewLease: async (job) => void (await parts.syncRuns.renewLease(job.organizationId, job.runId, new Date(Date.now() + settings.leaseMs))()),
    leaseMs: settings.leaseMs,
    concurrency: settings.concurrency,
    pollingIntervalSeconds: settings.pollSeconds,
    onError: (message, detail) => logger.error(detail, message),
  });
  const writes = await startWriteJobWorker(parts.boss, {
    run: useCases.runWriteJob,
    concurrency: settings.concurrency,
    pollingIntervalSeconds: settings.pollSeconds,
    onError: (message, detail) => logger.error(detail, message),
  });
  await parts.boss.work(RETENTION_JOBS, async () => {
    const now = Date.now();
    const trimmed = await parts.trimHistory({ eventsBefore: new Date(now - settings.retention.eventDays * DAY_MS), inboxBefore: new Date(now - settings.retention.inboxDays * DAY_MS) });
    logger.info(trimmed, "trimmed the idempotency log, the webhook inbox and deleted connections' dead letters");
  });
  await parts.boss.schedule(RETENTION_JOBS, settings.retention.cron, {}, { tz: 'UTC' });

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> = Promise.resolve();
  const tick = () => {
    ticking = (async () => {
      await reap();
      await plan();
    })().finally(() => {
      if (!stopped) timer = setTimeout(tick, settings.tickSeconds * 1000);
    });
  };
  tick();
  return {
    wake: () => {
      jobs.wake();
      writes.wake();
    },
    stop: async (graceMs) => {
      stopped = true;
      clearTimeout(timer);
      await ticking;
      await parts.boss.offWork(RETENTION_JOBS);
      await writes.stop();
      await jobs.stop(graceMs);
    },
  };
};
