import type { Next } from 'koa';
import { authenticateBasic } from './accounts.js';
import { sendError, type SimContext } from './http-helpers.js';
import type { SimulatorDeps } from './simulator-deps.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const rateLimited = (ctx: SimContext, retryAfterSeconds: number, now: number) => {
  const reset = new Date(now + retryAfterSeconds * 1000).toISOString().slice(0, 16);
  ctx.set({
    'Retry-After': String(retryAfterSeconds),
    'X-RateLimit-Limit': '100',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': `${reset}Z`,
    'X-RateLimit-NearLimit': 'true',
    'RateLimit-Reason': 'jira-burst-based',
  });
  sendError(ctx, 429, ['Rate limit exceeded.']);
};

/** Latency and injected failures, applied to API requests only (never to /__admin). */
export const faultMiddleware = (deps: SimulatorDeps) => async (ctx: SimContext, next: Next) => {
  const fault = deps.faults.decide();
  const { latencyMs, retryAfterSeconds } = deps.faults.settings();
  if (latencyMs > 0) await sleep(latencyMs);
  ctx.state.fault = fault ?? undefined;
  switch (fault) {
    case null:
      return next();
    case 'rate-limit':
      return rateLimited(ctx, retryAfterSeconds, deps.now());
    case 'unavailable':
      ctx.set('Retry-After', String(retryAfterSeconds));
      return sendError(ctx, 503, ['Service temporarily unavailable.']);
    case 'server-error':
      return sendError(ctx, 500, ['Internal server error.']);
    case 'hang':
      // Holds the request until the client gives up or the simulator closes.
      ctx.respond = false;
      await new Promise<void>((resolve) => ctx.res.once('close', () => resolve()));
      return undefined;
  }
};

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
