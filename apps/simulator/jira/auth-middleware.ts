import type { Next } from 'koa';
import { authenticateBasic } from './accounts.js';
import { sendError, type SimContext } from './http-helpers.js';
import type { SimulatorDeps } from './simulator-deps.js';

/** Basic auth against the configured accounts; an account without access gets 403 everywhere. */
export const authMiddleware = (deps: SimulatorDeps) => async (ctx: SimContext, next: Next) => {
  const account = authenticateBasic(deps.accounts, ctx.get('authorization') || undefined);
  if (account === undefined) {
    ctx.set('WWW-Authenticate', 'Basic realm="protected-area"');
    return sendError(ctx, 401, ['You are not authenticated. Authentication required to perform this operation.']);
  }
  if (account.access === 'forbidden') return sendError(ctx, 403, ['You do not have permission to access this site.']);
  ctx.state.account = account;
  return next();
};
