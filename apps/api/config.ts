import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { toFieldIssues } from '../../core/index.js';
import {
  BooleanFromEnv,
  HttpUrlFromEnv,
  HostListFromEnv,
  HttpUrlListFromEnv,
  IntFromEnv,
  Key32FromBase64,
  KeyListFromBase64,
  LogLevel,
  optional,
  optionalString,
  OriginListFromEnv,
  PostgresUrlFromEnv,
  withDefault,
} from './env-codecs.js';

/** Every environment variable taskport reads, decoded once at start-up. */
export const EnvCodec = t.type({
  PORT: withDefault(IntFromEnv('PORT', 0, 65535), '3000'),
  /** The address the API listens on; the printed URL names it. */
  HOST: withDefault(t.string, '0.0.0.0'),
  DATABASE_URL: optional(PostgresUrlFromEnv),
  TASKPORT_DATA_DIR: withDefault(t.string, '.data'),
  JWT_SECRET: optionalString,
  JWT_JWKS_URL: optional(HttpUrlFromEnv),
  TASKPORT_ENCRYPTION_KEY: optional(Key32FromBase64),
  /** Keys retired by a rotation: they still decrypt what they encrypted, and encrypt nothing. */
  TASKPORT_ENCRYPTION_PREVIOUS_KEYS: withDefault(KeyListFromBase64, ''),
  TASKPORT_ALLOW_PRIVATE_NETWORK: withDefault(BooleanFromEnv, 'false'),
  TASKPORT_MIGRATE_ON_START: withDefault(BooleanFromEnv, 'true'),
  TASKPORT_WEBHOOK_BODY_LIMIT: withDefault(IntFromEnv('TASKPORT_WEBHOOK_BODY_LIMIT', 1024, 64 * 1024 * 1024), String(1024 * 1024)),
  TASKPORT_WEBHOOK_SECRET_GRACE_HOURS: withDefault(IntFromEnv('TASKPORT_WEBHOOK_SECRET_GRACE_HOURS', 0, 24 * 365), '24'),
  /** Tries of a recorded webhook delivery; the one that fails the last is dead-lettered, kept until replayed. */
  TASKPORT_WEBHOOK_MAX_ATTEMPTS: withDefault(IntFromEnv('TASKPORT_WEBHOOK_MAX_ATTEMPTS', 1, 50), '5'),
  TASKPORT_WEBHOOK_RETRY_DELAY_SECONDS: withDefault(IntFromEnv('TASKPORT_WEBHOOK_RETRY_DELAY_SECONDS', 1, 3_600), '30'),
  /** The furthest ahead a bearer token's expiry may be; a token living longer is refused. */
  JWT_MAX_LIFETIME_SECONDS: withDefault(IntFromEnv('JWT_MAX_LIFETIME_SECONDS', 60, 365 * 24 * 3600), String(24 * 3600)),
  TASKPORT_HTTP_HEADERS_TIMEOUT_SECONDS: withDefault(IntFromEnv('TASKPORT_HTTP_HEADERS_TIMEOUT_SECONDS', 1, 3600), '20'),
  TASKPORT_HTTP_REQUEST_TIMEOUT_SECONDS: withDefault(IntFromEnv('TASKPORT_HTTP_REQUEST_TIMEOUT_SECONDS', 1, 3600), '60'),
  TASKPORT_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: withDefault(IntFromEnv('TASKPORT_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', 1, 3600), '5'),
  TASKPORT_HTTP_IDLE_SOCKET_TIMEOUT_SECONDS: withDefault(IntFromEnv('TASKPORT_HTTP_IDLE_SOCKET_TIMEOUT_SECONDS', 1, 3600), '30'),
  /** How long a shutdown waits for requests in flight before it stops anyway. */
  TASKPORT_SHUTDOWN_TIMEOUT_SECONDS: withDefault(IntFromEnv('TASKPORT_SHUTDOWN_TIMEOUT_SECONDS', 0, 3600), '20'),
  /** When set, GET /metrics asks for it as a bearer token. */
  TASKPORT_METRICS_TOKEN: optional(t.string),
  /** A worker alone (`npm run worker`, `taskport worker`) serves GET /metrics on HOST and this port; unset, it serves nothing. */
  TASKPORT_WORKER_METRICS_PORT: optional(IntFromEnv('TASKPORT_WORKER_METRICS_PORT', 0, 65535)),
  /** How long published events (the feed) and finished deliveries are kept. */
  TASKPORT_EVENT_RETENTION_DAYS: withDefault(IntFromEnv('TASKPORT_EVENT_RETENTION_DAYS', 1, 3650), '7'),
  JIRA_CLIENT_ID: optional(t.string),
  JIRA_CLIENT_SECRET: optional(t.string),
  JIRA_OAUTH_AUTHORIZE_URL: withDefault(HttpUrlFromEnv, 'https://auth.atlassian.com/authorize'),
  JIRA_OAUTH_TOKEN_URL: withDefault(HttpUrlFromEnv, 'https://auth.atlassian.com/oauth/token'),
  JIRA_API_GATEWAY_URL: withDefault(HttpUrlFromEnv, 'https://api.atlassian.com'),
  /** The callback URLs registered with Atlassian (this API's /api/integrations/oauth/jira/callback); the first is the default. */
  JIRA_OAUTH_REDIRECT_URIS: withDefault(HttpUrlListFromEnv, ''),
  /** Where the callback sends the browser with the outcome; without it the callback answers JSON. */
  JIRA_OAUTH_FRONTEND_URL: optional(HttpUrlFromEnv),
  /** Origins of the product that may show the console in a frame; none may by default. */
  TASKPORT_CONSOLE_FRAME_ANCESTORS: withDefault(OriginListFromEnv, ''),
  /** On-premise ConnectWise PSA hosts connections may name besides its cloud (comma-separated host names). */
  TASKPORT_CONNECTWISE_ALLOWED_HOSTS: withDefault(HostListFromEnv, ''),
  /** Where this API is reached from outside, such as https://taskport.example.com: OAuth callbacks and callbacks registered on a tracker default to it. */
  TASKPORT_PUBLIC_URL: optional(HttpUrlFromEnv),
  /** ServiceNow's callback URLs (registered in each instance's OAuth client); by default TASKPORT_PUBLIC_URL's. */
  SERVICENOW_OAUTH_REDIRECT_URIS: withDefault(HttpUrlListFromEnv, ''),
  SERVICENOW_OAUTH_FRONTEND_URL: optional(HttpUrlFromEnv),
  /** Whether `npm start` runs a worker (scheduled syncs, sync jobs, sweeps, retention) beside the API. */
  TASKPORT_RUN_WORKER: withDefault(BooleanFromEnv, 'true'),
  /** The shortest `syncIntervalSeconds` a connection may ask for; lower it only for development and tests. */
  TASKPORT_MIN_SYNC_INTERVAL_SECONDS: withDefault(IntFromEnv('TASKPORT_MIN_SYNC_INTERVAL_SECONDS', 1, 86_400), '60'),
  TASKPORT_SWEEP_INTERVAL_SECONDS: withDefault(IntFromEnv('TASKPORT_SWEEP_INTERVAL_SECONDS', 1, 30 * 86_400), '86400'),
  TASKPORT_SCHEDULER_TICK_SECONDS: withDefault(IntFromEnv('TASKPORT_SCHEDULER_TICK_SECONDS', 1, 3_600), '15'),
  TASKPORT_WORKER_CONCURRENCY: withDefault(IntFromEnv('TASKPORT_WORKER_CONCURRENCY', 1, 64), '4'),
  TASKPORT_SYNC_BATCHES_IN_FLIGHT: withDefault(IntFromEnv('TASKPORT_SYNC_BATCHES_IN_FLIGHT', 0, 64), '16'),
  TASKPORT_JOB_POLL_SECONDS: withDefault(IntFromEnv('TASKPORT_JOB_POLL_SECONDS', 1, 60), '2'),
  TASKPORT_SYNC_MAX_ATTEMPTS: withDefault(IntFromEnv('TASKPORT_SYNC_MAX_ATTEMPTS', 1, 20), '3'),
  TASKPORT_SYNC_RETRY_DELAY_SECONDS: withDefault(IntFromEnv('TASKPORT_SYNC_RETRY_DELAY_SECONDS', 1, 3_600), '30'),
  TASKPORT_SYNC_JOB_EXPIRE_SECONDS: withDefault(IntFromEnv('TASKPORT_SYNC_JOB_EXPIRE_SECONDS', 60, 23 * 3_600), String(4 * 3_600)),
  TASKPORT_RUN_LEASE_SECONDS: withDefault(IntFromEnv('TASKPORT_RUN_LEASE_SECONDS', 2, 3_600), '60'),
  /** Idempotency keys (the event log of processed versions and deliveries) older than this are trimmed. */
  TASKPORT_IDEMPOTENCY_KEY_RETENTION_DAYS: withDefault(IntFromEnv('TASKPORT_IDEMPOTENCY_KEY_RETENTION_DAYS', 1, 3_650), '7'),
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
  if (config.TASKPORT_HTTP_HEADERS_TIMEOUT_SECONDS > config.TASKPORT_HTTP_REQUEST_TIMEOUT_SECONDS) {
    throw new ConfigError('Invalid configuration: TASKPORT_HTTP_HEADERS_TIMEOUT_SECONDS must not exceed TASKPORT_HTTP_REQUEST_TIMEOUT_SECONDS (the headers are part of the request)');
  }
  if (config.JWT_SECRET !== undefined && config.JWT_SECRET.length < 32) {
    throw new ConfigError('Invalid configuration: JWT_SECRET must be at least 32 characters');
  }
  return config;
};
