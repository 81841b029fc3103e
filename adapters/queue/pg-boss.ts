import PgBoss from 'pg-boss';

/** The queue of sync runs, and the one of housekeeping (retention). */
export const SYNC_JOBS = 'taskport-sync';
export const RETENTION_JOBS = 'taskport-retention';
/** Writes back to trackers: a queue of their own, so a long sync never holds up a person's edit. */
export const WRITE_JOBS = 'taskport-write';

/** Attempts of a write (transient failures, 429) and the first retry's delay, doubling. */
export const WRITE_JOB_POLICY = { maxAttempts: 5, retryDelaySeconds: 2, expireInSeconds: 900 } as const;

/** pg-boss keeps its tables here, apart from taskport's own. */
export const JOB_SCHEMA = 'taskport_jobs';

export interface SyncJobPolicy {
  /** Attempts of one sync job in all: transient failures (tracker down, 429, database gone) are retried with backoff. */
  readonly maxAttempts: number;
  /** First retry after this many seconds, then doubling (pg-boss's exponential backoff). */
  readonly retryDelaySeconds: number;
  /**
   * pg-boss gives up on a job still active after this long (its worker presumably gone) and retries it.
   * A backstop only: a dead worker's run is found sooner through its lease (see closeInterruptedRuns).
   */
  readonly expireInSeconds: number;
}

export const defaultSyncJobPolicy: SyncJobPolicy = { maxAttempts: 3, retryDelaySeconds: 30, expireInSeconds: 4 * 3600 };

export interface JobQueueOptions {
  readonly databaseUrl: string;
  readonly policy?: SyncJobPolicy;
  /** Called with pg-boss's own errors (a lost database connection, a maintenance failure); they never stop the process. */
  readonly onError?: (error: Error) => void;
  /** Whether this process runs pg-boss's maintenance and cron (a worker does; a process that only queues need not). */
  readonly supervise?: boolean;
}

/**
 * Starts pg-boss on the database: installs or upgrades its schema (`taskport_jobs`) and creates
 * taskport's queues. Every API and worker process opens one; they share the queues through the
 * database.
 */
export const startJobQueue = async (options: JobQueueOptions): Promise<PgBoss> => {
  const policy = options.policy ?? defaultSyncJobPolicy;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: JOB_SCHEMA,
    application_name: 'taskport-jobs',
    max: 4,
    supervise: options.supervise ?? true,
    schedule: options.supervise ?? true,
    migrate: true,
  });
  boss.on('error', (error: Error) => options.onError?.(error));
  await boss.start();
  await boss.createQueue(SYNC_JOBS, {
    name: SYNC_JOBS,
    retryLimit: policy.maxAttempts - 1,
    retryDelay: policy.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: policy.expireInSeconds,
  });
  await boss.createQueue(WRITE_JOBS, {
    name: WRITE_JOBS,
    retryLimit: WRITE_JOB_POLICY.maxAttempts - 1,
    retryDelay: WRITE_JOB_POLICY.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: WRITE_JOB_POLICY.expireInSeconds,
  });
  await boss.createQueue(RETENTION_JOBS, { name: RETENTION_JOBS, retryLimit: 2, retryDelay: 300, expireInSeconds: 3600 });
  return boss;
};

/** `npm run migrate`: installs or upgrades pg-boss's schema, then lets go. */
export const migrateJobQueue = async (databaseUrl: string): Promise<void> => {
  const boss = await startJobQueue({ databaseUrl, supervise: false });
  await boss.stop({ graceful: false, wait: true });
};

export type { PgBoss };
