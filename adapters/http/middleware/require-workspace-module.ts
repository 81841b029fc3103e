import * as E from 'fp-ts/lib/Either.js';
import type { Context, Middleware } from 'koa';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import { sendDomainError } from '../respond.js';

/** How the guard asks whether a module is on: core's `requireEnabledModule`, bound by the composition root. */
export type EnabledModuleCheck = ApiUseCases['requireEnabledModule'];

/** Installed by the API app for every protected request, so a guard needs nothing but the module key. */
export const provideEnabledModuleCheck =
  (check: EnabledModuleCheck): Middleware =>
  (ctx, next) => {
    ctx.state.enabledModuleCheck = check;
    return next();
  };

const checkOf = (ctx: Context): EnabledModuleCheck => {
  const check = ctx.state.enabledModuleCheck as EnabledModuleCheck | undefined;
  if (check === undefined) throw new Error('requireWorkspaceModule guards a route outside the taskport API app');
  return check;
};

/** Only the route's own `:workspaceId`: a body, query or header naming another workspace must not open the door. */
const workspaceIdOf = (ctx: Context): unknown => {
  const params = (ctx as Context & { params?: Record<string, string> }).params;
  if (params === undefined || !Object.hasOwn(params, 'workspaceId')) throw new Error('requireWorkspaceModule guards a route without :workspaceId');
  return params.workspaceId;
};

/**
 * Guards a route of the form `/api/workspaces/:workspaceId/...` (taskport's or the embedding
 * product's, mounted with `productRouters`): the request reaches `next` only when `moduleKey` is a
 * known module switched on for that workspace of the caller's organization. A module switched off
 * answers 404 `module/disabled`, an unknown one 404 `module/not-found`, as if the route were not there.
 */
export const requireWorkspaceModule =
  (moduleKey: string): Middleware =>
  async (ctx, next) => {
    const result = await checkOf(ctx)(principalOf(ctx).organizationId, { workspaceId: workspaceIdOf(ctx), moduleKey })();
    if (E.isLeft(result)) return sendDomainError(ctx, result.left);
    return next();
  };
