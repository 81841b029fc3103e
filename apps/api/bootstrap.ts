import type { Logger } from 'pino';
import { aesGcmCipher } from '../../adapters/crypto/aes-gcm-cipher.js';
import type { JwtVerification } from '../../adapters/http/middleware/jwt-auth.js';
import { networkBaseUrlPolicy } from '../../adapters/net/index.js';
import { checkDatabase, createOrm, createPostgresAdapters, migrate, openDatabase, type Database } from '../../adapters/postgres/index.js';
import type { Env } from './config.js';
import { consoleOptions } from './console-options.js';
import { developmentSecrets, type DevSecrets } from './dev-secrets.js';
import { loadServedOpenApi } from './openapi-location.js';
import { postgresPersistence } from './postgres-persistence.js';
import { configuredProviders, oauthFrontendUrls } from './providers.js';
import { startApiServer, type ApiServerOptions, type HttpTimeouts, type RunningApi } from './server.js';
import { ensurePortFree } from './startup-failure.js';

export interface BootedApi {
  readonly api: RunningApi;
  /** Set when the JWT secret is the generated development one, so a demo token can be signed. */
  readonly developmentJwtSecret: string | undefined;
  readonly shutdown: () => Promise<void>;
}

const jwtVerification = (config: Env, devSecret: string | undefined): JwtVerification => ({
  ...(config.JWT_JWKS_URL !== undefined ? { kind: 'jwks', jwksUrl: config.JWT_JWKS_URL } : { kind: 'hs256', secret: config.JWT_SECRET ?? devSecret! }),
  maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
});

const httpTimeouts = (config: Env): HttpTimeouts => ({
  headersMs: config.TASKPORT_HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
  requestMs: config.TASKPORT_HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
  keepAliveMs: config.TASKPORT_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
  idleSocketMs: config.TASKPORT_HTTP_IDLE_SOCKET_TIMEOUT_SECONDS * 1000,
});

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

/** Database (embedded unless DATABASE_URL), migrations, adapters, HTTP: everything `npm start` runs. */
export const bootApi = async (config: Env, logger: Logger): Promise<BootedApi> => {
  await ensurePortFree(config.HOST, config.PORT);
  const needsDevSecrets = (config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined) || config.TASKPORT_ENCRYPTION_KEY === undefined;
  const dev = needsDevSecrets ? await developmentSecrets(config.TASKPORT_DATA_DIR, logger) : undefined;
  const database = await openCheckedDatabase(config, logger);
  try {
    return await serve(config, logger, database, dev);
  } catch (error) {
    await database.stop();
    throw error;
  }
};

const serverOptions = (config: Env, logger: Logger, devJwtSecret: string | undefined): ApiServerOptions => ({
  port: config.PORT,
  host: config.HOST,
  jwt: jwtVerification(config, devJwtSecret),
  webhookBodyLimit: config.TASKPORT_WEBHOOK_BODY_LIMIT,
  shutdownTimeoutMs: config.TASKPORT_SHUTDOWN_TIMEOUT_SECONDS * 1000,
  ...(config.TASKPORT_METRICS_TOKEN === undefined ? {} : { metricsToken: config.TASKPORT_METRICS_TOKEN }),
  oauthFrontendUrls: oauthFrontendUrls(config),
  httpTimeouts: httpTimeouts(config),
  console: consoleOptions(config, devJwtSecret),
  apiDocs: loadServedOpenApi(logger),
});

const serve = async (config: Env, logger: Logger, database: Database, dev: DevSecrets | undefined): Promise<BootedApi> => {
  if (config.TASKPORT_MIGRATE_ON_START) {
    const applied = await migrate(database.url);
    logger.info({ applied }, applied.length === 0 ? 'database schema is up to date' : 'applied migrations');
  }
  const orm = await createOrm(database.url);
  const persistence = postgresPersistence(orm);
  // One request budget for every API process on this database: a connection's limit holds across them.
  const providers = configuredProviders(config, logger, createPostgresAdapters(orm).requestBudget);
  const devJwtSecret = config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined ? dev?.jwtSecret : undefined;
  const api = await startApiServer(
    {
      logger,
      persistence,
      cipher: aesGcmCipher({
        current: config.TASKPORT_ENCRYPTION_KEY ?? Buffer.from(dev!.encryptionKey, 'base64'),
        previous: config.TASKPORT_ENCRYPTION_PREVIOUS_KEYS,
      }),
      providers: providers.registry,
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: config.TASKPORT_ALLOW_PRIVATE_NETWORK, logger }),
      webhookSecretGraceMs: config.TASKPORT_WEBHOOK_SECRET_GRACE_HOURS * 3_600_000,
    },
    serverOptions(config, logger, devJwtSecret),
  );
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await api.close();
      providers.close();
      await orm.close();
      await database.stop();
    })());
  return { api, developmentJwtSecret: devJwtSecret, shutdown };
};
