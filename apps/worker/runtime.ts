import type { Logger } from 'pino';
import { aesGcmCipher } from '../../adapters/crypto/aes-gcm-cipher.js';
import { networkBaseUrlPolicy } from '../../adapters/net/index.js';
import { httpEventSender } from '../../adapters/outbound/http-event-sender.js';
import { checkDatabase, createOrm, createPostgresAdapters, migrate, openDatabase, type Database, type MikroORM } from '../../adapters/postgres/index.js';
import { createMetrics, type Metrics } from '../../adapters/metrics/metrics.js';
import { sourceObserver } from '../../adapters/metrics/source-metrics.js';
import { migrateJobQueue, startJobQueue, type PgBoss } from '../../adapters/queue/pg-boss.js';
import { pgBossSyncQueue } from '../../adapters/queue/pg-boss-sync-queue.js';
import { pgBossWriteQueue } from '../../adapters/queue/pg-boss-write-queue.js';
import type { Env } from '../api/config.js';
import type { Infrastructure } from '../api/container.js';
import { developmentSecrets, type DevSecrets } from '../api/dev-secrets.js';
import { postgresPersistence } from '../api/postgres-persistence.js';
import { configuredProviders, type ConfiguredProviders } from '../api/providers.js';
import { syncJobPolicyOf, syncSettingsOf } from './sync-settings.js';
import { startWorker, type RunningWorker } from './worker.js';

/** What every taskport process stands on: the database, its adapters, the providers and the job queue. */
export interface Runtime {
  readonly database: Database;
  readonly orm: MikroORM;
  readonly boss: PgBoss;
  readonly adapters: ReturnType<typeof createPostgresAdapters>;
  readonly providers: ConfiguredProviders;
  /** The infrastructure of the container, without webhook statistics (the server batches its own). */
  readonly infrastructure: Omit<Infrastructure, 'webhookStats'>;
  /** Set when the JWT secret is the generated development one. */
  readonly developmentJwtSecret: string | undefined;
  /** Where a worker started on this runtime is told a job was queued in this process. */
  readonly onQueued: { wake: () => void };
  /** This process's metrics: its trackers' requests are measured there; the queue and outbox gauges read this database. */
  readonly metrics: Metrics;
  readonly close: () => Promise<void>;
}

/** The database, checked before use: in development a missing one is created, in production it must exist. */
const openCheckedDatabase = async (config: Env, logger: Logger): Promise<Database> => {
  const database = await openDatabase({
    ...(config.DATABASE_URL === undefined ? {} : { databaseUrl: config.DATABASE_URL }),
    dataDir: config.TASKPORT_DATA_DIR,
    log: logger,
  });
  try {
    await checkDatabase(database.url, { createIfMissing: config.NODE_ENV !== 'production', log: logger });
    return database;
  } catch (error) {
    await database.stop();
    throw error;
  }
};

/** Database (embedded unless DATABASE_URL), migrations (taskport's and the queue's), adapters, providers, queue. */
export const openRuntime = async (config: Env, logger: Logger): Promise<Runtime> => {
  const needsDevSecrets = (config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined) || config.TASKPORT_ENCRYPTION_KEY === undefined;
  const dev = needsDevSecrets ? await developmentSecrets(config.TASKPORT_DATA_DIR, logger) : undefined;
  const database = await openCheckedDatabase(config, logger);
  try {
    return await onDatabase(config, logger, database, dev);
  } catch (error) {
    await database.stop();
    throw error;
  }
};

const onDatabase = async (config: Env, logger: Logger, database: Database, dev: DevSecrets | undefined): Promise<Runtime> => {
  if (config.TASKPORT_MIGRATE_ON_START) {
    const applied = await migrate(database.url);
    await migrateJobQueue(database.url);
    logger.info({ applied }, applied.length === 0 ? 'database schema is up to date' : 'applied migrations');
  }
  const orm = await createOrm(database.url);
  const adapters = createPostgresAdapters(orm);
  // One request budget for every process on this database: a 429 one worker sees pauses that site for all.
  const metrics = createMetrics({ backlog: adapters.readBacklog });
  const providers = configuredProviders(config, logger, { budget: adapters.requestBudget, observeRequests: sourceObserver(metrics.sources) });
  const policy = syncJobPolicyOf(config);
  const boss = await startJobQueue({ databaseUrl: database.url, policy, onError: (error) => logger.warn({ err: { message: error.message } }, 'job queue error') });
  const persistence = postgresPersistence(orm);
  const eventSender = httpEventSender({ allowPrivateNetwork: config.TASKPORT_ALLOW_PRIVATE_NETWORK, logger });
  const onQueued = { wake: () => undefined as void };
  return {
    onQueued,
    metrics,
    database,
    orm,
    boss,
    adapters,
    providers,
    developmentJwtSecret: config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined ? dev?.jwtSecret : undefined,
    infrastructure: {
      logger,
      persistence,
      cipher: aesGcmCipher({
        current: config.TASKPORT_ENCRYPTION_KEY ?? Buffer.from(dev!.encryptionKey, 'base64'),
        previous: config.TASKPORT_ENCRYPTION_PREVIOUS_KEYS,
      }),
      providers: providers.registry,
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: config.TASKPORT_ALLOW_PRIVATE_NETWORK, logger }),
      webhookSecretGraceMs: config.TASKPORT_WEBHOOK_SECRET_GRACE_HOURS * 3_600_000,
      webhookRetry: { maxAttempts: config.TASKPORT_WEBHOOK_MAX_ATTEMPTS, firstDelayMs: config.TASKPORT_WEBHOOK_RETRY_DELAY_SECONDS * 1000 },
      eventSender,
      syncQueue: pgBossSyncQueue(boss, persistence.syncRuns, { policy, onQueued: () => onQueued.wake() }),
      writeQueue: pgBossWriteQueue(boss, persistence.writes, { onQueued: () => onQueued.wake() }),
      sync: syncSettingsOf(config),
    },
    close: async () => {
      await boss.stop({ graceful: false, wait: true });
      eventSender.close();
      providers.close();
      await orm.close();
      await database.stop();
    },
  };
};

/** A worker on the runtime, configured from the environment. */
export const startRuntimeWorker = async (runtime: Runtime, useCases: Parameters<typeof startWorker>[0]['useCases'], config: Env): Promise<RunningWorker> => {
  const worker = await startWorker({
    boss: runtime.boss,
    useCases,
    syncRuns: runtime.adapters.syncRuns,
    trimHistory: runtime.adapters.trimHistory,
    logger: runtime.infrastructure.logger,
    settings: {
      leaseMs: config.TASKPORT_RUN_LEASE_SECONDS * 1000,
      concurrency: config.TASKPORT_WORKER_CONCURRENCY,
      pollSeconds: config.TASKPORT_JOB_POLL_SECONDS,
      tickSeconds: config.TASKPORT_SCHEDULER_TICK_SECONDS,
      retention: { eventDays: config.TASKPORT_IDEMPOTENCY_KEY_RETENTION_DAYS, inboxDays: config.TASKPORT_WEBHOOK_INBOX_RETENTION_DAYS, cron: config.TASKPORT_RETENTION_CRON },
    },
  });
  runtime.onQueued.wake = worker.wake;
  return worker;
};
