import type { Logger } from 'pino';
import type { JwtVerification } from '../../adapters/http/middleware/jwt-auth.js';
import { openRuntime, startRuntimeWorker } from '../worker/runtime.js';
import type { RunningWorker } from '../worker/worker.js';
import type { Env } from './config.js';
import { oauthFrontendUrls } from './providers.js';
import { startApiServer, type RunningApi } from './server.js';

export interface BootedApi {
  readonly api: RunningApi;
  /** Set when the JWT secret is the generated development one, so a demo token can be signed. */
  readonly developmentJwtSecret: string | undefined;
  /** The worker in this process (unless TASKPORT_RUN_WORKER=false). */
  readonly worker: RunningWorker | undefined;
  readonly shutdown: () => Promise<void>;
}

const jwtVerification = (config: Env, devSecret: string | undefined): JwtVerification =>
  config.JWT_JWKS_URL !== undefined ? { kind: 'jwks', jwksUrl: config.JWT_JWKS_URL } : { kind: 'hs256', secret: config.JWT_SECRET ?? devSecret! };

/** Everything `npm start` runs: the runtime, the HTTP API and, unless switched off, a worker in the same process. */
export const bootApi = async (config: Env, logger: Logger): Promise<BootedApi> => {
  const runtime = await openRuntime(config, logger);
  const api = await startApiServer(runtime.infrastructure, {
    port: config.PORT,
    jwt: jwtVerification(config, runtime.developmentJwtSecret),
    webhookBodyLimit: config.TASKPORT_WEBHOOK_BODY_LIMIT,
    oauthFrontendUrls: oauthFrontendUrls(config),
  });
  const worker = config.TASKPORT_RUN_WORKER ? await startRuntimeWorker(runtime, api.useCases, config) : undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await worker?.stop(config.TASKPORT_SHUTDOWN_GRACE_SECONDS * 1000);
      await api.close();
      await runtime.close();
    })());
  return { api, developmentJwtSecret: runtime.developmentJwtSecret, worker, shutdown };
};
