import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import { consoleRoutes, type ConsoleOptions } from '../../adapters/http/console/console-routes.js';
import { createApiApp } from '../../adapters/http/create-api-app.js';
import { loggingSyncRuns, loggingSyncRunsIn } from '../../adapters/logging/logging-sync-runs.js';
import type { Metrics } from '../../adapters/metrics/metrics.js';
import type { ApiUseCases } from '../../adapters/http/api-use-cases.js';
import type { JwtVerification } from '../../adapters/http/middleware/jwt-auth.js';
import { webhookRoutes } from '../../adapters/http/routes/webhooks.js';
import { cachedSecretCipher } from '../../adapters/cache/cached-secret-cipher.js';
import { cachedWebhookConnections } from '../../adapters/cache/cached-webhook-connections.js';
import { afterCommit } from '../../adapters/events/after-commit.js';
import { httpEventSender } from '../../adapters/outbound/http-event-sender.js';
import { batchedWebhookStats, type BatchedWebhookStats } from '../../adapters/stats/batched-webhook-stats.js';
import type { WebhookInbox } from '../../core/index.js';
import { buildContainer, type Infrastructure } from './container.js';
import { listenFailure } from './startup-failure.js';
import { stopServing } from './stop-serving.js';
import { startEventDelivery, type EventDelivery, type EventDeliveryOptions, type OnEvent } from './event-delivery.js';
import { SERVICE } from './service-ids.js';
import { createTimedServer, DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from './timed-http-server.js';
import { startWebhookInboxRunner, type WebhookInboxRunner, type WebhookInboxRunnerOptions } from './webhook-inbox-runner.js';

export { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from './timed-http-server.js';

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
  /** `DEFAULT_HTTP_TIMEOUTS` for any left out. */
  readonly httpTimeouts?: Partial<HttpTimeouts>;
  /** The process's metrics (a registry of its own when absent) and the token GET /metrics asks for, if any. */
  readonly metrics?: Metrics;
  readonly metricsToken?: string;
  /** How long closing waits for requests in flight before cutting them off (20 s by default). */
  readonly shutdownTimeoutMs?: number;
  /** Serves the web console at /console when given. */
  readonly console?: ConsoleOptions;
  /** How events are published, delivered and kept (retention, batch sizes, polling). */
  readonly events?: EventDeliveryOptions;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 20_000;

/** The adapters of the server; webhook statistics are batched per connection unless a recorder is given. */
export interface ServerInfrastructure extends Omit<Infrastructure, 'webhookStats' | 'eventSender'> {
  readonly webhookStats?: BatchedWebhookStats;
  /** Sends events to endpoints; the guarded HTTP sender (public addresses only) by default. */
  readonly eventSender?: Infrastructure['eventSender'];
}

export interface RunningApi {
  readonly url: string;
  readonly server: Server;
  /** The use cases the API serves, for a composition root that also runs a worker in this process. */
  readonly useCases: ApiUseCases;
  /** Applies recorded webhook deliveries; `drain()` waits until none is left. */
  readonly webhooks: Pick<WebhookInboxRunner, 'drain' | 'idle'>;
  /**
   * The in-process hook for a host embedding taskport: `onEvent(handler)` hands every organization's
   * events to `handler` after their commit, in feed order, at least once (dedupe on `event.id`);
   * `drain()` waits until everything committed so far was published and handed over.
   */
  readonly events: { readonly onEvent: OnEvent; readonly drain: EventDelivery['drain'] };
  /** Stops accepting connections, waits for in-flight requests (up to the shutdown timeout), then applies the deliveries they recorded. */
  readonly close: () => Promise<void>;
}

/** Wakes the runner as soon as a delivery is recorded or replayed, so nothing waits for the next poll. */
const wakingInbox = (inbox: WebhookInbox, wake: () => void): WebhookInbox => ({
  ...inbox,
  record: (delivery) => async () => {
    const outcome = await inbox.record(delivery)();
    if (outcome._tag === 'Right' && outcome.right === 'recorded') wake();
    return outcome;
  },
  replay: (...request) => async () => {
    const outcome = await inbox.replay(...request)();
    if (outcome._tag === 'Right' && outcome.right.length > 0) wake();
    return outcome;
  },
});

/** The URL of the address actually bound: what HOST named, with the port the system chose for 0. */
const boundUrl = ({ address, family, port }: AddressInfo) => `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;

/** Requests in flight above which the process counts as busy answering (see the runner's `busy`). */
const BUSY_REQUESTS = 4;

/** Wires the container into the Koa app and listens; closing it also writes the webhook counts still pending. */
export const startApiServer = async (infra: ServerInfrastructure, options: ApiServerOptions): Promise<RunningApi> => {
  const webhookStats =
    infra.webhookStats ??
    batchedWebhookStats(infra.persistence.connections, { onError: (message) => infra.logger.warn({ message }, 'webhook statistics kept for the next write') });
  // The runner starts once the server listens; deliveries can only be recorded after that.
  const runner: { current?: WebhookInboxRunner; events?: EventDelivery } = {};
  const connections = cachedWebhookConnections(infra.persistence.connections);
  const persistence = {
    ...infra.persistence,
    connections,
    syncRuns: loggingSyncRuns(infra.persistence.syncRuns, infra.logger),
    webhookInbox: wakingInbox(infra.persistence.webhookInbox, () => runner.current?.wake()),
    // After a commit: the cache forgets the connections written, and the events are published at once.
    unitOfWork: afterCommit(loggingSyncRunsIn(infra.persistence.unitOfWork, infra.logger), {
      onEnd: (touched, committed) => {
        touched.connectionIds.forEach(connections.forget);
        if (committed && touched.outboxEvents > 0) runner.events?.wake();
      },
    }),
  };
  const ownSender = infra.eventSender === undefined ? httpEventSender({ allowPrivateNetwork: false, logger: infra.logger }) : undefined;
  const eventSender = infra.eventSender ?? ownSender!;
  const container = buildContainer({ ...infra, persistence, cipher: cachedSecretCipher(infra.cipher), webhookStats, eventSender });
  const useCases = container.get(SERVICE.UseCases);
  const webhooks = webhookRoutes(useCases.receiveWebhook, options.webhookBodyLimit === undefined ? {} : { bodyLimit: options.webhookBodyLimit });
  const app = createApiApp({
    useCases,
    ready: infra.persistence.ready,
    logger: infra.logger,
    jwt: options.jwt,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    publicRouters: [webhooks, ...(options.console === undefined ? [] : [consoleRoutes(options.console)]), ...(options.publicRouters ?? [])],
    ...(options.oauthFrontendUrls === undefined ? {} : { oauthCallback: { frontendUrls: options.oauthFrontendUrls } }),
    ...(options.productRouters === undefined ? {} : { productRouters: options.productRouters }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.metricsToken === undefined ? {} : { metricsToken: options.metricsToken }),
  });
  const { server, requestsInFlight } = createTimedServer(app, { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts });
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenFailure(error, host, options.port)));
    server.listen(options.port, host, () => resolve());
  });
  const started = startWebhookInboxRunner({
    process: useCases.processWebhookInbox,
    logger: infra.logger,
    busy: () => requestsInFlight() > BUSY_REQUESTS,
    ...options.webhookRunner,
  });
  runner.current = started;
  const events = startEventDelivery(useCases, infra.logger, options.events);
  runner.events = events;
  const close = async () => {
    await stopServing(server, requestsInFlight, options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS, infra.logger);
    await started.close();
    await events.close();
    ownSender?.close();
    await webhookStats.close();
  };
  return {
    url: boundUrl(server.address() as AddressInfo),
    server,
    useCases,
    webhooks: { drain: started.drain, idle: started.idle },
    events: { onEvent: events.onEvent, drain: events.drain },
    close,
  };
};
