import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import { createApiApp } from '../../adapters/http/create-api-app.js';
import type { ApiUseCases } from '../../adapters/http/api-use-cases.js';
import type { JwtVerification } from '../../adapters/http/middleware/jwt-auth.js';
import { webhookRoutes } from '../../adapters/http/routes/webhooks.js';
import { cachedSecretCipher } from '../../adapters/cache/cached-secret-cipher.js';
import { cachedWebhookConnections } from '../../adapters/cache/cached-webhook-connections.js';
import { batchedWebhookStats, type BatchedWebhookStats } from '../../adapters/stats/batched-webhook-stats.js';
import type { WebhookInbox } from '../../core/index.js';
import { buildContainer, type Infrastructure } from './container.js';
import { SERVICE } from './service-ids.js';
import { startWebhookInboxRunner, type WebhookInboxRunner, type WebhookInboxRunnerOptions } from './webhook-inbox-runner.js';

export interface ApiServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly jwt: JwtVerification;
  readonly bodyLimit?: number;
  /** Largest webhook body accepted, in bytes (1 MB by default). */
  readonly webhookBodyLimit?: number;
  readonly publicRouters?: ReadonlyArray<Router>;
  /** Per provider, where the OAuth callback sends the browser with the outcome; JSON answers without one. */
  readonly oauthFrontendUrls?: Readonly<Record<string, string>>;
  /** The embedding product's own /api routes, behind the bearer JWT; see `ApiAppOptions.productRouters`. */
  readonly productRouters?: ReadonlyArray<Router>;
  /** How the runner applying recorded webhook deliveries batches and polls. */
  readonly webhookRunner?: Pick<WebhookInboxRunnerOptions, 'batchSize' | 'pollMs'>;
}

/** The adapters of the server; webhook statistics are batched per connection unless a recorder is given. */
export interface ServerInfrastructure extends Omit<Infrastructure, 'webhookStats'> {
  readonly webhookStats?: BatchedWebhookStats;
}

export interface RunningApi {
  readonly url: string;
  readonly server: Server;
  /** The use cases the API serves, for a composition root that also runs a worker in this process. */
  readonly useCases: ApiUseCases;
  /** Applies recorded webhook deliveries; `drain()` waits until none is left. */
  readonly webhooks: Pick<WebhookInboxRunner, 'drain' | 'idle'>;
  /** Stops accepting connections, waits for in-flight requests, then applies the deliveries they recorded. */
  readonly close: () => Promise<void>;
}

/** Wakes the runner as soon as a delivery is recorded, so nothing waits for the next poll. */
const wakingInbox = (inbox: WebhookInbox, wake: () => void): WebhookInbox => ({
  ...inbox,
  record: (delivery) => async () => {
    const outcome = await inbox.record(delivery)();
    if (outcome._tag === 'Right' && outcome.right === 'recorded') wake();
    return outcome;
  },
});

/** Requests in flight above which the process counts as busy answering (see the runner's `busy`). */
const BUSY_REQUESTS = 4;

/** Counts the server's requests from arrival until their response is done (or the socket closes). */
const countRequestsInFlight = (server: Server) => {
  let inFlight = 0;
  server.on('request', (_request, response: ServerResponse) => {
    inFlight += 1;
    response.once('close', () => (inFlight -= 1));
  });
  return () => inFlight;
};

/** Wires the container into the Koa app and listens; closing it also writes the webhook counts still pending. */
export const startApiServer = async (infra: ServerInfrastructure, options: ApiServerOptions): Promise<RunningApi> => {
  const webhookStats =
    infra.webhookStats ??
    batchedWebhookStats(infra.persistence.connections, { onError: (message) => infra.logger.warn({ message }, 'webhook statistics kept for the next write') });
  // The runner starts once the server listens; deliveries can only be recorded after that.
  const runner: { current?: WebhookInboxRunner } = {};
  const persistence = {
    ...infra.persistence,
    connections: cachedWebhookConnections(infra.persistence.connections),
    webhookInbox: wakingInbox(infra.persistence.webhookInbox, () => runner.current?.wake()),
  };
  const container = buildContainer({ ...infra, persistence, cipher: cachedSecretCipher(infra.cipher), webhookStats });
  const useCases = container.get(SERVICE.UseCases);
  const webhooks = webhookRoutes(useCases.receiveWebhook, options.webhookBodyLimit === undefined ? {} : { bodyLimit: options.webhookBodyLimit });
  const app = createApiApp({
    useCases,
    ready: infra.persistence.ready,
    logger: infra.logger,
    jwt: options.jwt,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    publicRouters: [webhooks, ...(options.publicRouters ?? [])],
    ...(options.oauthFrontendUrls === undefined ? {} : { oauthCallback: { frontendUrls: options.oauthFrontendUrls } }),
    ...(options.productRouters === undefined ? {} : { productRouters: options.productRouters }),
  });
  const server = createServer(app.callback());
  const requestsInFlight = countRequestsInFlight(server);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const started = startWebhookInboxRunner({
    process: useCases.processWebhookInbox,
    logger: infra.logger,
    busy: () => requestsInFlight() > BUSY_REQUESTS,
    ...options.webhookRunner,
  });
  runner.current = started;
  const close = async () => {
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeIdleConnections();
    });
    await started.close();
    await webhookStats.close();
  };
  return { url: `http://127.0.0.1:${port}`, server, useCases, webhooks: { drain: started.drain, idle: started.idle }, close };
};
