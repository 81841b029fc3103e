import type { Next } from 'koa';
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

/** A 429 as a proxy in front of the site may send it: HTML, and nothing said about when to come back. */
const silentlyRateLimited = (ctx: SimContext) => {
  ctx.status = 429;
  ctx.type = 'text/html';
  ctx.body = '<!DOCTYPE html><html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>';
};

/** The 2026 points quota of an OAuth app: an exhausted hourly policy that resets in `retryAfterSeconds`. */
const overQuota = (ctx: SimContext, retryAfterSeconds: number, now: number) => {
  ctx.set({
    'Beta-RateLimit-Policy': '"tenant-app-quota";q=100100;w=3600',
    'Beta-RateLimit': `"tenant-app-quota";r=0;t=${retryAfterSeconds}`,
    'X-Beta-RateLimit-Reason': 'jira-quota-tenant-based',
    'X-Beta-RateLimit-Reset': new Date(now + retryAfterSeconds * 1000).toISOString(),
  });
  sendError(ctx, 429, ['Rate limit exceeded.']);
};

/** The request is carried out in full; its answer never leaves, the connection is reset instead. */
const answerLost = async (ctx: SimContext, next: Next) => {
  await next();
  ctx.state.fault = 'lost-answer';
  ctx.respond = false;
  ctx.req.socket.destroy();
};

/** Carries the request out at once; answers it once `released` (a delayed answer) resolves. */
const answerWhenReleased = async (released: Promise<void> | null, next: Next) => {
  await next();
  if (released !== null) await released;
};

/** Latency, the concurrency limit and injected failures, applied to API requests only (never to /__admin). */
export const faultMiddleware = (deps: SimulatorDeps) => async (ctx: SimContext, next: Next) => {
  const release = deps.faults.admit();
  const { latencyMs, retryAfterSeconds } = deps.faults.settings();
  try {
    if (latencyMs > 0) await sleep(latencyMs);
    if (release === null) {
      ctx.state.fault = 'over-limit';
      return rateLimited(ctx, retryAfterSeconds, deps.now());
    }
    return await answer(deps, ctx, next);
  } finally {
    release?.();
  }
};

const answer = async (deps: SimulatorDeps, ctx: SimContext, next: Next) => {
  const fault = deps.faults.decide();
  const { retryAfterSeconds } = deps.faults.settings();
  ctx.state.fault = fault ?? undefined;
  switch (fault) {
    case null:
      return deps.faults.losesAnswer(ctx.method, ctx.path) ? answerLost(ctx, next) : answerWhenReleased(deps.faults.answerDelay(ctx.method, ctx.path), next);
    case 'rate-limit':
      return rateLimited(ctx, retryAfterSeconds, deps.now());
    case 'rate-limit-silent':
      return silentlyRateLimited(ctx);
    case 'rate-limit-quota':
      return overQuota(ctx, retryAfterSeconds, deps.now());
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
