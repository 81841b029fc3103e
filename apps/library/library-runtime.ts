import type { Logger } from 'pino';
import { aesGcmCipher, type Keyring } from '../../adapters/crypto/aes-gcm-cipher.js';
import { networkBaseUrlPolicy } from '../../adapters/net/index.js';
import { httpEventSender } from '../../adapters/outbound/http-event-sender.js';
import { checkDatabase, createOrm, createPostgresAdapters, migrate } from '../../adapters/postgres/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';
import { defaultSyncJobPolicy, migrateJobQueue, startJobQueue, type PgBoss } from '../../adapters/queue/pg-boss.js';
import { pgBossSyncQueue } from '../../adapters/queue/pg-boss-sync-queue.js';
import { pgBossWriteQueue } from '../../adapters/queue/pg-boss-write-queue.js';
import type { ServerInfrastructure } from '../api/api-services.js';
import { defaultSyncSettings } from '../api/container.js';
import { postgresPersistence } from '../api/postgres-persistence.js';
import type { ProviderFactory } from './providers.js';

export interface LibraryRuntimeSettings {
  readonly databaseUrl: string;
  readonly keyring: Keyring;
  readonly providers: ReadonlyArray<ProviderFactory>;
  readonly logger: Logger;
  readonly migrate: boolean;
  readonly allowPrivateNetwork: boolean;
}

/** The infrastructure of an embedded taskport, and what its worker stands on. */
export interface LibraryRuntime {
  readonly infrastructure: ServerInfrastructure;
  readonly boss: PgBoss;
  readonly adapters: ReturnType<typeof createPostgresAdapters>;
  /** Where a worker started in this process is told a job was queued here. */
  readonly onQueued: { wake: () => void };
  readonly close: () => Promise<void>;
}

/**
 * The host's database (never created here: a host's database is its own business), taskport's
 * migrations and the job queue's schema, the adapters and the providers. Like `openRuntime` of the
 * service, without the environment, the embedded PostgreSQL or the development secrets.
 */
export const openLibraryRuntime = async (settings: LibraryRuntimeSettings): Promise<LibraryRuntime> => {
  const { databaseUrl, logger } = settings;
  await checkDatabase(databaseUrl, { createIfMissing: false, log: logger });
  if (settings.migrate) {
    const applied = await migrate(databaseUrl);
    await migrateJobQueue(databaseUrl);
    logger.info({ applied }, applied.length === 0 ? 'database schema is up to date' : 'applied migrations');
  }
  const orm = await createOrm(databaseUrl);
  const adapters = createPostgresAdapters(orm);
  const network = { logger, allowPrivateNetwork: settings.allowPrivateNetwork, budget: adapters.requestBudget };
  const providers = settings.providers.map((make) => make(network));
  const closeProviders = () => providers.forEach((provider) => provider.close?.());
  const boss = await startJobQueue({ databaseUrl, onError: (error) => logger.warn({ err: { message: error.message } }, 'job queue error') }).catch(async (error: unknown) => {
    closeProviders();
    await orm.close();
    throw error;
  });
  const persistence = postgresPersistence(orm);
  const eventSender = httpEventSender({ allowPrivateNetwork: settings.allowPrivateNetwork, logger });
  const onQueued = { wake: () => undefined as void };
  return {
    infrastructure: {
      logger,
      persistence,
      cipher: aesGcmCipher(settings.keyring),
      providers: providerRegistry(providers),
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: settings.allowPrivateNetwork, logger }),
      eventSender,
      syncQueue: pgBossSyncQueue(boss, persistence.syncRuns, { policy: defaultSyncJobPolicy, onQueued: () => onQueued.wake() }),
      writeQueue: pgBossWriteQueue(boss, persistence.writes, { onQueued: () => onQueued.wake() }),
      sync: defaultSyncSettings,
    },
    boss,
    adapters,
    onQueued,
    close: async () => {
      await boss.stop({ graceful: false, wait: true });
      eventSender.close();
      closeProviders();
      await orm.close();
    },
  };
};
