import type { Next } from 'koa';
import type { SimContext } from './http-helpers.js';
import type { OAuthServer } from './oauth-server.js';

/**
 * The API gateway's authentication: a live bearer token the simulator issued, granted for the
 * cloudId in the path. Anything else is 401, as the gateway answers an expired or foreign token.
 */
export const bearerAuthMiddleware = (oauth: OAuthServer) => async (ctx: SimContext, next: Next) => {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  const grant = match === null ? undefined : oauth.grantOf(match[1]!);
  const cloudId = (ctx as SimContext & { params?: Record<string, string> }).params?.cloudId;
  if (grant === undefined || cloudId === undefined || !grant.cloudIds.includes(cloudId)) {
    ctx.status = 401;
    ctx.body = { code: 401, message: 'Unauthorized; scope does not match' };
    return;
  }
  ctx.state.account = grant.account;
  return next();
};
