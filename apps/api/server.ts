import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import { consoleRoutes, type ConsoleOptions } from '../../adapters/http/console/console-routes.js';
import { apiDocsPageRoutes, openApiRoutes } from '../../adapters/http/docs/api-docs-routes.js';
import type { OpenApiDocument } from '../../adapters/http/docs/openapi-document.js';
import { createApiApp } from '../../adapters/http/create-api-app.js';
import type { ApiUseCases } from '../../adapters/http/api-use-cases.js';
import type { JwtVerification } from '../../adapters/http/middleware/jwt-auth.js';
import { webhookRoutes } from '../../adapters/http/routes/webhooks.js';
import { webhookEndpoint } from '../../adapters/http/webhook-endpoint.js';
import { createMetrics, type Metrics } from '../../adapters/metrics/metrics.js';
import { composeApiServices, type ApiBackground, type ServerInfrastructure } from './api-services.js';
import type { EventDeliveryOptions } from './event-delivery.js';
import { listenFailure } from './startup-failure.js';
import { stopServing } from './stop-serving.js';
import { createTimedServer, DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from './timed-http-server.js';
import type { WebhookInboxRunnerOptions } from './webhook-inbox-runner.js';

export { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from './timed-http-server.js';
export type { ServerInfrastructure } from './api-services.js';

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
  /** Serves the contract at GET /api/openapi.json and Swagger UI at /docs when given (no JWT for either). */
  readonly apiDocs?: OpenApiDocument;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 20_000;

export interface RunningApi {
  readonly url: string;
  readonly server: Server;
  /** The use cases the API serves, for a composition root that also runs a worker in this process. */
  readonly useCases: ApiUseCases;
  /** Applies recorded webhook deliveries; `drain()` waits until none is left. */
  readonly webhooks: ApiBackground['webhooks'];
  /** The in-process hook for a host embedding taskport (see `ApiBackground.events`). */
  readonly events: ApiBackground['events'];
  /** Stops accepting connections, waits for in-flight requests (up to the shutdown timeout), then applies the deliveries they recorded. */
  readonly close: () => Promise<void>;
}

/** The URL of the address actually bound: what HOST named, with the port the system chose for 0. */
const boundUrl = ({ address, family, port }: AddressInfo) => `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;

/** Requests in flight above which the process counts as busy answering (see the runner's `busy`). */
const BUSY_REQUESTS = 4;

/** Wires the container into the Koa app and listens; closing it also writes the webhook counts still pending. */
export const startApiServer = async (infra: ServerInfrastructure, options: ApiServerOptions): Promise<RunningApi> => {
  const metrics = options.metrics ?? createMetrics();
  const { useCases, startBackground } = composeApiServices(infra, metrics);
  const webhookBodyLimit = options.webhookBodyLimit === undefined ? {} : { bodyLimit: options.webhookBodyLimit };
  const webhooks = webhookRoutes(useCases.receiveWebhook, webhookBodyLimit);
  const app = createApiApp({
    useCases,
    ready: infra.persistence.ready,
    logger: infra.logger,
    jwt: options.jwt,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    publicRouters: [
      webhooks,
      ...(options.console === undefined ? [] : [consoleRoutes(options.console)]),
      ...(options.apiDocs === undefined ? [] : [openApiRoutes(options.apiDocs), apiDocsPageRoutes()]),
      ...(options.publicRouters ?? []),
    ],
    ...(options.oauthFrontendUrls === undefined ? {} : { oauthCallback: { frontendUrls: options.oauthFrontendUrls } }),
    ...(options.productRouters === undefined ? {} : { productRouters: options.productRouters }),
    metrics,
    ...(options.metricsToken === undefined ? {} : { metricsToken: options.metricsToken }),
  });
  // Deliveries are answered before Koa (the lighter path under a burst); everything else is Koa's.
  const delivery = webhookEndpoint({ receive: useCases.receiveWebhook, logger: infra.logger, metrics, ...webhookBodyLimit });
  const koa = app.callback();
  const { server, requestsInFlight } = createTimedServer((req, res) => void (delivery(req, res) || koa(req, res)), { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts });
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenFailure(error, host, options.port)));
    server.listen(options.port, host, () => resolve());
  });
  // The runners start once the server listens; deliveries can only be recorded after that.
  const background = startBackground({
    busy: () => requestsInFlight() > BUSY_REQUESTS,
    ...(options.webhookRunner === undefined ? {} : { webhookRunner: options.webhookRunner }),
    ...(options.events === undefined ? {} : { events: options.events }),
  });
  const close = async () => {
    await stopServing(server, requestsInFlight, options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS, infra.logger);
    await background.close();
  };
  return { url: boundUrl(server.address() as AddressInfo), server, useCases, webhooks: background.webhooks, events: background.events, close };
};
