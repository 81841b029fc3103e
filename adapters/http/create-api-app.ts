import Koa, { type Context, type Middleware } from 'koa';
import type Router from '@koa/router';
import type { Logger } from 'pino';
import { measureRequests } from '../metrics/http-metrics.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import { countWebhookDeliveries } from '../metrics/webhook-metrics.js';
import type { ApiUseCases, ReadinessCheck } from './api-use-cases.js';
import { errorBoundary } from './middleware/error-boundary.js';
import { jsonBody, DEFAULT_BODY_LIMIT } from './middleware/json-body.js';
import { jwtAuth, type JwtVerification } from './middleware/jwt-auth.js';
import { noOrganizationOverride } from './middleware/no-organization-override.js';
import { requestContext } from './middleware/request-context.js';
import { provideEnabledModuleCheck } from './middleware/require-workspace-module.js';
import { eventEndpointRoutes } from './routes/event-endpoints.js';
import { eventRoutes } from './routes/events.js';
import { externalTaskRoutes } from './routes/external-tasks.js';
import { writeRoutes } from './routes/writes.js';
import { healthRoutes } from './routes/health.js';
import { integrationRoutes } from './routes/integrations.js';
import { metricsRoutes } from './routes/metrics.js';
import { oauthCallbackRoutes, type OAuthCallbackOptions } from './routes/oauth-callback.js';
import { oauthRoutes } from './routes/oauth.js';
import { providerRoutes } from './routes/providers.js';
import { userMappingRoutes } from './routes/user-mappings.js';
import { workspaceRoutes } from './routes/workspaces.js';

export interface ApiAppOptions {
  readonly useCases: ApiUseCases;
  readonly ready: ReadinessCheck;
  readonly logger: Logger;
  readonly jwt: JwtVerification;
  readonly bodyLimit?: number;
  /** Routers that authenticate callers their own way (webhooks): no JWT, no JSON parsing. */
  readonly publicRouters?: ReadonlyArray<Router>;
  /** Where the OAuth callback sends the browser; JSON answers without it. */
  readonly oauthCallback?: OAuthCallbackOptions;
  /**
   * The embedding product's own routes under /api/, mounted after taskport's behind the same bearer
   * JWT and JSON body parsing (`principalOf(ctx)` names the caller); `requireWorkspaceModule` can
   * guard them.
   */
  readonly productRouters?: ReadonlyArray<Router>;
  /** Where requests and webhook deliveries are counted; a registry of its own when absent. */
  readonly metrics?: Metrics;
  /** When set, GET /metrics needs it as a bearer token. */
  readonly metricsToken?: string;
}

const mount = (app: Koa, router: Router) => {
  app.use(router.routes());
  app.use(router.allowedMethods());
};

/** Only when `path` is under /api and not served by a public router. */
const forProtectedApi = (middleware: Middleware, isPublic: (path: string) => boolean): Middleware => (ctx, next) =>
  ctx.path.startsWith('/api/') && !isPublic(ctx.path) ? middleware(ctx, next) : next();

/** The routers behind the bearer JWT (or, in an embedding host's router, its own authentication), in mounting order. */
export const protectedRouters = (useCases: ApiUseCases): ReadonlyArray<Router> => [
  providerRoutes(useCases),
  oauthRoutes(useCases),
  integrationRoutes(useCases),
  userMappingRoutes(useCases),
  writeRoutes(useCases),
  externalTaskRoutes(useCases),
  workspaceRoutes(useCases),
  eventEndpointRoutes(useCases),
  eventRoutes(useCases),
];

type RouterOptions = Pick<ApiAppOptions, 'useCases' | 'ready' | 'publicRouters' | 'oauthCallback' | 'metrics' | 'metricsToken'>;

/** The routers by how callers are authenticated: their own way (public) or by the bearer JWT. */
const routerSet = (options: RouterOptions) => ({
  health: healthRoutes(options.ready),
  metrics: metricsRoutes((options.metrics ?? createMetrics()).registry, options.metricsToken),
  public: [...(options.publicRouters ?? []), oauthCallbackRoutes(options.useCases, options.oauthCallback)],
  protected: protectedRouters(options.useCases),
});

/** Every router of the app, in mounting order; the OpenAPI test reads their routes from here. */
export const apiRouters = (options: RouterOptions): ReadonlyArray<Router> => {
  const routers = routerSet(options);
  return [routers.health, routers.metrics, ...routers.public, ...routers.protected];
};

/** What a client hanging up mid-request, or sending broken HTTP, looks like from here. */
const isClientSide = (code: string | undefined): boolean =>
  code !== undefined && (['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'].includes(code) || code.startsWith('HPE_'));

/**
 * Koa reports errors of the connection under a request here, and without a listener prints them
 * to stderr with a stack. A client gone mid-request is routine: debug, not error.
 */
const logConnectionErrors = (app: Koa, logger: Logger) =>
  app.on('error', (error: NodeJS.ErrnoException, ctx?: Context) => {
    const log = (ctx?.state.log as Logger | undefined) ?? logger;
    if (isClientSide(error.code)) log.debug({ code: error.code }, 'client connection failed mid-request');
    else log.error({ err: error }, 'unexpected error');
  });

/** The HTTP face of taskport: every /api route needs a bearer JWT naming the organization. */
export const createApiApp = (options: ApiAppOptions): Koa => {
  const app = new Koa();
  app.proxy = true;
  logConnectionErrors(app, options.logger);
  const metrics = options.metrics ?? createMetrics();
  const routers = routerSet({ ...options, metrics });
  const isPublic = (path: string) => routers.public.some((r) => r.match(path, 'POST').path.length > 0 || r.match(path, 'GET').path.length > 0);
  app.use(measureRequests(metrics.http));
  app.use(countWebhookDeliveries(metrics.webhooks));
  app.use(requestContext(options.logger));
  app.use(errorBoundary());
  mount(app, routers.health);
  mount(app, routers.metrics);
  routers.public.forEach((router) => mount(app, router));
  app.use(forProtectedApi(jwtAuth(options.jwt), isPublic));
  app.use(forProtectedApi(jsonBody(options.bodyLimit ?? DEFAULT_BODY_LIMIT), isPublic));
  app.use(forProtectedApi(noOrganizationOverride(), isPublic));
  app.use(forProtectedApi(provideEnabledModuleCheck(options.useCases.requireEnabledModule), isPublic));
  [...routers.protected, ...(options.productRouters ?? [])].forEach((router) => mount(app, router));
  return app;
};
