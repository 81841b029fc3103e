import type { Next } from 'koa';
import type { FaultControl } from '../jira/faults.js';
import { sendError, type SnContext } from './http-helpers.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An hourly rate-limit rule denying the request: Retry-After, and when the rule's count starts again (UNIX seconds). */
const rateLimited = (ctx: SnContext, retryAfterSeconds: number, now: number) => {
  ctx.set({
    'Retry-After': String(retryAfterSeconds),
    'X-RateLimit-Limit': '100',
    'X-RateLimit-Reset': String(Math.ceil(now / 1000) + retryAfterSeconds),
    'X-RateLimit-Rule': 'b1e0a5a2c3d4e5f60718293a4b5c6d7e',
  });
  sendError(ctx, 429, 'Rate limit exceeded', 'Rate limit of 100 requests per hour for Table API exceeded');
};

/**
 * Too many requests at once: the platform's semaphores refuse the one over the limit with a 429 and
 * Retry-After, but no rate-limit rule (KB3046852): nothing says the instance's hourly count is spent.
 */
const overLimit = (ctx: SnContext, retryAfterSeconds: number) => {
  ctx.set('Retry-After', String(retryAfterSeconds));
  sendError(ctx, 429, 'Too Many Requests', 'Maximum number of concurrent requests for this user exceeded');
};

/** Latency, the concurrency limit and injected failures, applied to Table API requests only (never to /__admin or OAuth). */
export const faultMiddleware = (faults: FaultControl, now: () => number) => async (ctx: SnContext, next: Next) => {
  const release = faults.admit();
  const { latencyMs, retryAfterSeconds } = faults.settings();
  try {
    if (latencyMs > 0) await sleep(latencyMs);
    if (release === null) {
      ctx.state.fault = 'over-limit';
      return overLimit(ctx, retryAfterSeconds);
    }
    return await answer(faults, now, ctx, next);
  } finally {
    release?.();
  }
};

/**
 * The injected faults, as ServiceNow gives them. `rate-limit` (the periodic storm's, `rateLimitEvery`)
 * is the semaphores' 429 under load: refusing some requests and serving the rest is what they do, and
 * what an hourly rate-limit rule never does (once its count is spent, it refuses every request until
 * the reset). `rate-limit-quota` is that rule's 429, with X-RateLimit-Rule: the instance's count spent.
 */
const answer = async (faults: FaultControl, now: () => number, ctx: SnContext, next: Next) => {
  const fault = faults.decide();
  const { retryAfterSeconds } = faults.settings();
  ctx.state.fault = fault ?? undefined;
  switch (fault) {
    case null:
      return next();
    case 'rate-limit':
    case 'rate-limit-silent':
      return overLimit(ctx, retryAfterSeconds);
    case 'rate-limit-quota':
      return rateLimited(ctx, retryAfterSeconds, now());
    case 'unavailable':
      ctx.set('Retry-After', String(retryAfterSeconds));
      return sendError(ctx, 503, 'Service Unavailable', 'The instance is busy (transaction quota); try again later');
    case 'server-error':
      return sendError(ctx, 500, 'Internal Server Error', null);
    case 'hang':
      // Holds the request until the client gives up or the simulator closes.
      ctx.respond = false;
      await new Promise<void>((resolve) => ctx.res.once('close', () => resolve()));
      return undefined;
  }
};
