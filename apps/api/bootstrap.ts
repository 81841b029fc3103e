import type { Logger } from 'pino';
import type { JwtVerification } from '../../adapters/http/middleware/jwt-auth.js';
import type { Metrics } from '../../adapters/metrics/metrics.js';
import { openRuntime, startRuntimeWorker } from '../worker/runtime.js';
import type { RunningWorker } from '../worker/worker.js';
import type { Env } from './config.js';
import { consoleOptions } from './console-options.js';
import { loadServedOpenApi } from './openapi-location.js';
import { oauthFrontendUrls } from './providers.js';
import { startApiServer, type ApiServerOptions, type HttpTimeouts, type RunningApi } from './server.js';
import { ensurePortFree } from './startup-failure.js';

export interface BootedApi {
  readonly api: RunningApi;
  /** Set when the JWT secret is the generated development one, so a demo token can be signed. */
  readonly developmentJwtSecret: string | undefined;
  /** The worker in this process (unless TASKPORT_RUN_WORKER=false). */
  readonly worker: RunningWorker | undefined;
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

const serverOptions = (config: Env, logger: Logger, devJwtSecret: string | undefined, metrics: Metrics): ApiServerOptions => ({
  port: config.PORT,
  host: config.HOST,
  jwt: jwtVerification(config, devJwtSecret),
  webhookBodyLimit: config.TASKPORT_WEBHOOK_BODY_LIMIT,
  shutdownTimeoutMs: config.TASKPORT_SHUTDOWN_TIMEOUT_SECONDS * 1000,
  metrics,
  ...(config.TASKPORT_METRICS_TOKEN === undefined ? {} : { metricsToken: config.TASKPORT_METRICS_TOKEN }),
  oauthFrontendUrls: oauthFrontendUrls(config),
  httpTimeouts: httpTimeouts(config),
  console: consoleOptions(config, devJwtSecret),
  events: { retentionMs: config.TASKPORT_EVENT_RETENTION_DAYS * 24 * 3_600_000 },
  apiDocs: loadServedOpenApi(logger),
});

/** Everything `npm start` runs: the runtime, the HTTP API and, unless switched off, a worker in the same process. */
export const bootApi = async (config: Env, logger: Logger): Promise<BootedApi> => {
  await ensurePortFree(config.HOST, config.PORT);
  const runtime = await openRuntime(config, logger);
  try {
    const api = await startApiServer(runtime.infrastructure, serverOptions(config, logger, runtime.developmentJwtSecret, runtime.metrics));
    const worker = config.TASKPORT_RUN_WORKER ? await startRuntimeWorker(runtime, api.useCases, config) : undefined;
    let stopping: Promise<void> | undefined;
    const shutdown = () =>
      (stopping ??= (async () => {
        await worker?.stop(config.TASKPORT_SHUTDOWN_TIMEOUT_SECONDS * 1000);
        await api.close();
        await runtime.close();
      })());
    return { api, developmentJwtSecret: runtime.developmentJwtSecret, worker, shutdown };
  } catch (error) {
    await runtime.close();
    throw error;
  }
};
