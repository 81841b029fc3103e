import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { isUuid } from '../../core/index.js';
import type { ApiUseCases } from './api-use-cases.js';
import { protectedRouters } from './create-api-app.js';
import { errorBoundary } from './middleware/error-boundary.js';
import { jsonBody, DEFAULT_BODY_LIMIT } from './middleware/json-body.js';
import { jwtAuth, type JwtVerification } from './middleware/jwt-auth.js';
import { noOrganizationOverride } from './middleware/no-organization-override.js';
import { requestContext } from './middleware/request-context.js';
import { provideEnabledModuleCheck } from './middleware/require-workspace-module.js';
import type { Principal } from './principal.js';
import { oauthCallbackRoutes, type OAuthCallbackOptions } from './routes/oauth-callback.js';
import { webhookRoutes } from './routes/webhooks.js';
import { sendError } from './respond.js';

/**
 * Who the caller is, for the routes behind authentication. Either the same bearer JWT the API
 * verifies (`organizationId`, `sub`, `exp` claims), or the host's own sign-in: `principal(ctx)`
 * answers the organization and subject of the request it already authenticated, or `undefined`
 * for a 401. Either way the organization comes from there and nowhere else.
 */
export type RouterAuth =
  | { readonly jwt: JwtVerification }
  | { readonly principal: (ctx: Context) => Principal | undefined | Promise<Principal | undefined> };

export interface ApiRouterOptions {
  readonly useCases: ApiUseCases;
  readonly logger: Logger;
  readonly auth: RouterAuth;
  /** Largest JSON body of the authenticated routes, in bytes (1 MB by default). */
  readonly bodyLimit?: number;
  /** Largest webhook body, in bytes (1 MB by default). */
  readonly webhookBodyLimit?: number;
  /** Where the OAuth callback sends the browser; JSON answers without it. */
  readonly oauthCallback?: OAuthCallbackOptions;
}

/** The host's principal, checked like the token's claims: an organization that is not a UUID is a wiring bug of the host. */
const hostPrincipal =
  (principalOf: (ctx: Context) => Principal | undefined | Promise<Principal | undefined>): Middleware =>
  async (ctx, next) => {
    const principal = await principalOf(ctx);
    if (principal === undefined) return sendError(ctx, 401, 'auth/unauthorized', 'The request is not signed in');
    if (!isUuid(principal.organizationId) || principal.subject === '') throw new Error('The host principal must name an organization (a UUID) and a subject');
    ctx.state.principal = { organizationId: principal.organizationId, subject: principal.subject } satisfies Principal;
    return next();
  };

const mount = (router: Router, routers: ReadonlyArray<Router>) => routers.forEach((child) => router.use(child.routes(), child.allowedMethods()));

/**
 * taskport's /api routes as one router for a host's own Koa app: the same routes, decoding,
 * tenancy and error bodies as the service, with webhook deliveries and the OAuth callback
 * authenticated their own way. Paths it does not serve fall through to the host's next middleware.
 */
export const createApiRouter = (options: ApiRouterOptions): Router => {
  const router = new Router();
  const publicRouters = [
    webhookRoutes(options.useCases.receiveWebhook, options.webhookBodyLimit === undefined ? {} : { bodyLimit: options.webhookBodyLimit }),
    oauthCallbackRoutes(options.useCases, options.oauthCallback),
  ];
  const isPublic = (path: string) => publicRouters.some((r) => r.match(path, 'POST').path.length > 0 || r.match(path, 'GET').path.length > 0);
  const forProtected = (middleware: Middleware): Middleware => (ctx, next) => (isPublic(ctx.path) ? next() : middleware(ctx, next));
  router.use(requestContext(options.logger), errorBoundary());
  mount(router, publicRouters);
  router.use(
    forProtected('jwt' in options.auth ? jwtAuth(options.auth.jwt) : hostPrincipal(options.auth.principal)),
    forProtected(jsonBody(options.bodyLimit ?? DEFAULT_BODY_LIMIT)),
    forProtected(noOrganizationOverride()),
    forProtected(provideEnabledModuleCheck(options.useCases.requireEnabledModule)),
  );
  mount(router, protectedRouters(options.useCases));
  return router;
};
