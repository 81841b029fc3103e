import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The caller's `X-Request-Id` when well-formed, a new one otherwise. */
export const requestIdFrom = (given: string): string => (REQUEST_ID.test(given) ? given : randomUUID());

/**
 * Gives every request an id (the caller's `X-Request-Id` when well-formed) and a child logger that
 * stamps it on every line, then logs one line per request.
 */
export const requestContext =
  (logger: Logger): Middleware =>
  async (ctx, next) => {
    const requestId = requestIdFrom(ctx.get('x-request-id'));
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.state.log.info(
        { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) },
        'request',
      );
    }
  };
