import type { Next } from 'koa';
import { authenticateBasic } from './accounts.js';
import { sendError, siteUrl, type SimContext } from './http-helpers.js';
import type { SimulatorDeps } from './simulator-deps.js';

/** Only `/myself` insists on a user; Jira Cloud lets anonymous requests through elsewhere. */
const NEEDS_A_USER = /\/rest\/api\/[23]\/myself$/;

const unauthorized = (ctx: SimContext) => {
  ctx.set('WWW-Authenticate', 'Basic realm="protected-area"');
  return sendError(ctx, 401, ['You are not authenticated. Authentication required to perform this operation.']);
};

/**
 * Basic auth against the configured accounts: an account without access gets 403 everywhere, one
 * locked behind a CAPTCHA gets Jira's AUTHENTICATION_DENIED 403 (gioboa/jira-plugin#26). Bad
 * credentials get 401, or go on as the anonymous user when the site is set to answer them so.
 */
export const authMiddleware = (deps: SimulatorDeps) => async (ctx: SimContext, next: Next) => {
  const header = ctx.get('authorization') || undefined;
  const account = authenticateBasic(deps.accounts, header);
  if (account === undefined) {
    if (header === undefined || deps.site.settings().badCredentials === 'unauthorized') return unauthorized(ctx);
    ctx.set('X-Seraph-LoginReason', 'AUTHENTICATED_FAILED');
    if (NEEDS_A_USER.test(ctx.path)) return unauthorized(ctx);
    ctx.state.anonymous = true;
    return next();
  }
  if (account.access === 'captcha') {
    ctx.set({ 'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED', 'X-Authentication-Denied-Reason': `CAPTCHA_CHALLENGE; login-url=${siteUrl(ctx)}/login.jsp` });
    ctx.status = 403;
    ctx.type = 'text/html';
    ctx.body = '<html><body>Basic Authentication Failure - Reason : AUTHENTICATION_DENIED</body></html>';
    return undefined;
  }
  if (account.access === 'forbidden') return sendError(ctx, 403, ['You do not have permission to access this site.']);
  ctx.state.account = account;
  return next();
};
