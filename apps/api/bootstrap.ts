import type { Logger } from 'pino';
import { aesGcmCipher } from '../../adapters/crypto/aes-gcm-cipher.js';
import type { JwtVerification } from '../../adapters/http/middleware/jwt-auth.js';
import { networkBaseUrlPolicy } from '../../adapters/net/index.js';
import { createOrm, migrate, openDatabase } from '../../adapters/postgres/index.js';
import type { Env } from './config.js';
import { developmentSecrets } from './dev-secrets.js';
import { postgresPersistence } from './postgres-persistence.js';
import { configuredProviders, oauthFrontendUrls } from './providers.js';
import { startApiServer, type RunningApi } from './server.js';

export interface BootedApi {
  readonly api: RunningApi;
  /** Set when the JWT secret is the generated development one, so a demo token can be signed. */
  readonly developmentJwtSecret: string | undefined;
  readonly shutdown: () => Promise<void>;
}

const jwtVerification = (config: Env, devSecret: string | undefined): JwtVerification =>
  config.JWT_JWKS_URL !== undefined ? { kind: 'jwks', jwksUrl: config.JWT_JWKS_URL } : { kind: 'hs256', secret: config.JWT_SECRET ?? devSecret! };

/** Database (embedded unless DATABASE_URL), migrations, adapters, HTTP: everything `npm start` runs. */
export const bootApi = async (config: Env, logger: Logger): Promise<BootedApi> => {
  const needsDevSecrets = (config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined) || config.TASKPORT_ENCRYPTION_KEY === undefined;
  const dev = needsDevSecrets ? await developmentSecrets(config.TASKPORT_DATA_DIR, logger) : undefined;
  const database = await openDatabase({
    ...(config.DATABASE_URL === undefined ? {} : { databaseUrl: config.DATABASE_URL }),
    dataDir: config.TASKPORT_DATA_DIR,
    log: (message) => logger.info(message),
  });
  if (config.TASKPORT_MIGRATE_ON_START) {
    const applied = await migrate(database.url);
    logger.info({ applied }, applied.length === 0 ? 'database schema is up to date' : 'applied migrations');
  }
  const orm = await createOrm(database.url);
  const persistence = postgresPersistence(orm);
  const providers = configuredProviders(config, logger, persistence.requestBudget);
  const devJwtSecret = config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined ? dev?.jwtSecret : undefined;
  const api = await startApiServer(
    {
      logger,
      persistence,
      cipher: aesGcmCipher({ current: config.TASKPORT_ENCRYPTION_KEY ?? Buffer.from(dev!.encryptionKey, 'base64') }),
      providers: providers.registry,
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: config.TASKPORT_ALLOW_PRIVATE_NETWORK, logger }),
      webhookSecretGraceMs: config.TASKPORT_WEBHOOK_SECRET_GRACE_HOURS * 3_600_000,
    },
    {
      port: config.PORT,
      jwt: jwtVerification(config, devJwtSecret),
      webhookBodyLimit: config.TASKPORT_WEBHOOK_BODY_LIMIT,
      oauthFrontendUrls: oauthFrontendUrls(config),
    },
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
