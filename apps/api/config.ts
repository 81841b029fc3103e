import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { toFieldIssues } from '../../core/index.js';

const optionalString = t.union([t.string, t.undefined]);

const IntFromEnv = (name: string, min: number, max: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number',
    (u, c) => {
      if (u === undefined || u === '') return t.failure(u, c, 'is required');
      const n = Number(u);
      return typeof u === 'string' && /^\d+$/.test(u) && n >= min && n <= max ? t.success(n) : t.failure(u, c, `must be an integer from ${min} to ${max}`);
    },
    String,
  );

const BooleanFromEnv = new t.Type<boolean, string, unknown>(
  'BooleanFromEnv',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => (u === 'true' || u === '1' ? t.success(true) : u === 'false' || u === '0' ? t.success(false) : t.failure(u, c, 'must be true or false')),
  String,
);

const Key32FromBase64 = new t.Type<Buffer, string, unknown>(
  'Key32FromBase64',
  (u): u is Buffer => Buffer.isBuffer(u),
  (u, c) => {
    const key = typeof u === 'string' ? Buffer.from(u, 'base64') : Buffer.alloc(0);
    return key.length === 32 ? t.success(key) : t.failure(u, c, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  },
  (b) => b.toString('base64'),
);

const UrlFromEnv = new t.Type<string, string, unknown>(
  'Url',
  (u): u is string => typeof u === 'string',
  (u, c) => {
    try {
      return typeof u === 'string' && /^(https?|postgres(ql)?):$/.test(new URL(u).protocol) ? t.success(u) : t.failure(u, c, 'must be a URL');
    } catch {
      return t.failure(u, c, 'must be a URL');
    }
  },
  String,
);

const UrlListFromEnv = new t.Type<ReadonlyArray<string>, string, unknown>(
  'UrlList',
  (u): u is ReadonlyArray<string> => Array.isArray(u),
  (u, c) => {
    const items = typeof u === 'string' ? u.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
    const bad = items.find((item) => E.isLeft(UrlFromEnv.validate(item, c)));
    return bad === undefined ? t.success(items) : t.failure(u, c, `must be a comma-separated list of URLs (${bad} is not one)`);
  },
  (list) => list.join(','),
);

const LogLevel = t.keyof({ fatal: null, error: null, warn: null, info: null, debug: null, trace: null, silent: null });

const withDefault = <A>(codec: t.Type<A, string, unknown>, fallback: string) =>
  new t.Type<A, string, unknown>(codec.name, codec.is, (u, c) => codec.validate(u === undefined || u === '' ? fallback : u, c), codec.encode);

const optional = <A>(codec: t.Type<A, string, unknown>) =>
  new t.Type<A | undefined, string | undefined, unknown>(
    codec.name,
    (u): u is A | undefined => u === undefined || codec.is(u),
    (u, c) => (u === undefined || u === '' ? t.success(undefined) : codec.validate(u, c)),
    (a) => (a === undefined ? undefined : codec.encode(a)),
  );

/** Every environment variable taskport reads, decoded once at start-up. */
export const EnvCodec = t.type({
  PORT: withDefault(IntFromEnv('PORT', 0, 65535), '3000'),
  DATABASE_URL: optional(UrlFromEnv),
  TASKPORT_DATA_DIR: withDefault(t.string, '.data'),
  JWT_SECRET: optionalString,
  JWT_JWKS_URL: optional(UrlFromEnv),
  TASKPORT_ENCRYPTION_KEY: optional(Key32FromBase64),
  TASKPORT_ALLOW_PRIVATE_NETWORK: withDefault(BooleanFromEnv, 'false'),
  TASKPORT_MIGRATE_ON_START: withDefault(BooleanFromEnv, 'true'),
  TASKPORT_WEBHOOK_BODY_LIMIT: withDefault(IntFromEnv('TASKPORT_WEBHOOK_BODY_LIMIT', 1024, 64 * 1024 * 1024), String(1024 * 1024)),
  TASKPORT_WEBHOOK_SECRET_GRACE_HOURS: withDefault(IntFromEnv('TASKPORT_WEBHOOK_SECRET_GRACE_HOURS', 0, 24 * 365), '24'),
  JIRA_CLIENT_ID: optional(t.string),
  JIRA_CLIENT_SECRET: optional(t.string),
  JIRA_OAUTH_AUTHORIZE_URL: withDefault(UrlFromEnv, 'https://auth.atlassian.com/authorize'),
  JIRA_OAUTH_TOKEN_URL: withDefault(UrlFromEnv, 'https://auth.atlassian.com/oauth/token'),
  JIRA_API_GATEWAY_URL: withDefault(UrlFromEnv, 'https://api.atlassian.com'),
  /** The callback URLs registered with Atlassian (this API's /api/integrations/oauth/jira/callback); the first is the default. */
  JIRA_OAUTH_REDIRECT_URIS: withDefault(UrlListFromEnv, ''),
  /** Where the callback sends the browser with the outcome; without it the callback answers JSON. */
  JIRA_OAUTH_FRONTEND_URL: optional(UrlFromEnv),
  /** Whether `npm start` runs a worker (scheduled syncs, sync jobs, sweeps, retention) beside the API. */
  TASKPORT_RUN_WORKER: withDefault(BooleanFromEnv, 'true'),
  /** The shortest `syncIntervalSeconds` a connection may ask for; lower it only for development and tests. */
  TASKPORT_MIN_SYNC_INTERVAL_SECONDS: withDefault(IntFromEnv('TASKPORT_MIN_SYNC_INTERVAL_SECONDS', 1, 86_400), '60'),
  TASKPORT_SWEEP_INTERVAL_SECONDS: withDefault(IntFromEnv('TASKPORT_SWEEP_INTERVAL_SECONDS', 1, 30 * 86_400), '86400'),
  TASKPORT_SCHEDULER_TICK_SECONDS: withDefault(IntFromEnv('TASKPORT_SCHEDULER_TICK_SECONDS', 1, 3_600), '15'),
  TASKPORT_WORKER_CONCURRENCY: withDefault(IntFromEnv('TASKPORT_WORKER_CONCURRENCY', 1, 64), '4'),
  TASKPORT_JOB_POLL_SECONDS: withDefault(IntFromEnv('TASKPORT_JOB_POLL_SECONDS', 1, 60), '2'),
  TASKPORT_SYNC_MAX_ATTEMPTS: withDefault(IntFromEnv('TASKPORT_SYNC_MAX_ATTEMPTS', 1, 20), '3'),
  TASKPORT_SYNC_RETRY_DELAY_SECONDS: withDefault(IntFromEnv('TASKPORT_SYNC_RETRY_DELAY_SECONDS', 1, 3_600), '30'),
  TASKPORT_SYNC_JOB_EXPIRE_SECONDS: withDefault(IntFromEnv('TASKPORT_SYNC_JOB_EXPIRE_SECONDS', 60, 23 * 3_600), String(4 * 3_600)),
  TASKPORT_RUN_LEASE_SECONDS: withDefault(IntFromEnv('TASKPORT_RUN_LEASE_SECONDS', 2, 3_600), '60'),
  TASKPORT_SHUTDOWN_GRACE_SECONDS: withDefault(IntFromEnv('TASKPORT_SHUTDOWN_GRACE_SECONDS', 0, 600), '20'),
  TASKPORT_EVENT_RETENTION_DAYS: withDefault(IntFromEnv('TASKPORT_EVENT_RETENTION_DAYS', 1, 3_650), '7'),
  TASKPORT_WEBHOOK_INBOX_RETENTION_DAYS: withDefault(IntFromEnv('TASKPORT_WEBHOOK_INBOX_RETENTION_DAYS', 1, 3_650), '7'),
  TASKPORT_RETENTION_CRON: withDefault(t.string, '17 3 * * *'),
  LOG_LEVEL: withDefault(LogLevel, 'info'),
  NODE_ENV: optionalString,
});
export type Env = t.TypeOf<typeof EnvCodec>;

export class ConfigError extends Error {}

/** Decodes the environment, or explains each bad variable by name. */
export const readEnv = (env: NodeJS.ProcessEnv): Env => {
  const decoded = EnvCodec.decode(env);
  if (E.isLeft(decoded)) {
    const problems = toFieldIssues(decoded.left).map((i) => `${i.path} ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const config = decoded.right;
  if (config.JWT_SECRET !== undefined && config.JWT_JWKS_URL !== undefined) {
    throw new ConfigError('Invalid configuration: set JWT_SECRET or JWT_JWKS_URL, not both');
  }
  if (config.NODE_ENV === 'production') {
    const missing = [
      ...(config.JWT_SECRET === undefined && config.JWT_JWKS_URL === undefined ? ['JWT_SECRET or JWT_JWKS_URL'] : []),
      ...(config.TASKPORT_ENCRYPTION_KEY === undefined ? ['TASKPORT_ENCRYPTION_KEY'] : []),
    ];
    if (missing.length > 0) throw new ConfigError(`Invalid configuration: ${missing.join(' and ')} required when NODE_ENV=production`);
  }
  if ((config.JIRA_CLIENT_ID === undefined) !== (config.JIRA_CLIENT_SECRET === undefined)) {
    throw new ConfigError('Invalid configuration: set both JIRA_CLIENT_ID and JIRA_CLIENT_SECRET, or neither');
  }
  if (config.JIRA_CLIENT_ID !== undefined && config.JIRA_OAUTH_REDIRECT_URIS.length === 0) {
    throw new ConfigError('Invalid configuration: JIRA_OAUTH_REDIRECT_URIS is required with JIRA_CLIENT_ID (the callback URLs registered with Atlassian)');
  }
  if (config.JWT_SECRET !== undefined && config.JWT_SECRET.length < 32) {
    throw new ConfigError('Invalid configuration: JWT_SECRET must be at least 32 characters');
  }
  return config;
};
