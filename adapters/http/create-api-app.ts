import Koa, { type Middleware } from 'koa';
import type Router from '@koa/router';
import type { Logger } from 'pino';
import type { ApiUseCases, ReadinessCheck } from './api-use-cases.js';
import { errorBoundary } from './middleware/error-boundary.js';
import { jsonBody, DEFAULT_BODY_LIMIT } from './middleware/json-body.js';
import { jwtAuth, type JwtVerification } from './middleware/jwt-auth.js';
import { noOrganizationOverride } from './middleware/no-organization-override.js';
import { requestContext } from './middleware/request-context.js';
import { externalTaskRoutes } from './routes/external-tasks.js';
import { healthRoutes } from './routes/health.js';
import { integrationRoutes } from './routes/integrations.js';
import { userMappingRoutes } from './routes/user-mappings.js';

export interface ApiAppOptions {
  readonly useCases: ApiUseCases;
  readonly ready: ReadinessCheck;
  readonly logger: Logger;
  readonly jwt: JwtVerification;
  readonly bodyLimit?: number;
  /** Routers that authenticate callers their own way (webhooks, OAuth callbacks): no JWT, no JSON parsing. */
  readonly publicRouters?: ReadonlyArray<Router>;
}

const mount = (app: Koa, router: Router) => {
  app.use(router.routes());
  app.use(router.allowedMethods());
};

/** Only when `path` is under /api and not served by a public router. */
const forProtectedApi = (middleware: Middleware, isPublic: (path: string) => boolean): Middleware => (ctx, next) =>
  ctx.path.startsWith('/api/') && !isPublic(ctx.path) ? middleware(ctx, next) : next();

/** Every router of the app, in mounting order; the OpenAPI test reads their routes from here. */
export const apiRouters = (options: Pick<ApiAppOptions, 'useCases' | 'ready' | 'publicRouters'>): ReadonlyArray<Router> => [
  healthRoutes(options.ready),
  ...(options.publicRouters ?? []),
  integrationRoutes(options.useCases),
  userMappingRoutes(options.useCases),
  externalTaskRoutes(options.useCases),
];

/** The HTTP face of taskport: every /api route needs a bearer JWT naming the organization. */
export const createApiApp = (options: ApiAppOptions): Koa => {
  const app = new Koa();
  app.proxy = true;
  const publicRouters = options.publicRouters ?? [];
  const isPublic = (path: string) => publicRouters.some((r) => r.match(path, 'POST').path.length > 0 || r.match(path, 'GET').path.length > 0);
  app.use(requestContext(options.logger));
  app.use(errorBoundary());
  const [health, ...rest] = apiRouters(options);
  mount(app, health!);
  publicRouters.forEach((router) => mount(app, router));
  app.use(forProtectedApi(jwtAuth(options.jwt), isPublic));
  app.use(forProtectedApi(jsonBody(options.bodyLimit ?? DEFAULT_BODY_LIMIT), isPublic));
  app.use(forProtectedApi(noOrganizationOverride(), isPublic));
  rest.filter((router) => !publicRouters.includes(router)).forEach((router) => mount(app, router));
  return app;
};
