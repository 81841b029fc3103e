import type { Context, Middleware } from 'koa';
import { sendError } from '../respond.js';
import { BodyTooLarge, readRawBody } from './raw-body.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

// The webhook route reads its raw body with the same function.
export { BodyTooLarge, readRawBody } from './raw-body.js';

const hasBody = (ctx: Context): boolean => {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method)) return false;
  const length = ctx.request.length;
  return (length !== undefined && length > 0) || ctx.get('transfer-encoding') !== '';
};

/**
 * Parses JSON bodies into `ctx.state.body` and keeps the raw bytes in `ctx.state.rawBody` (webhook
 * signatures are computed over them). Anything but JSON, a malformed document and an oversized
 * body each get their own 4xx.
 */
export const jsonBody =
  (limit = DEFAULT_BODY_LIMIT): Middleware =>
  async (ctx, next) => {
    if (!hasBody(ctx)) return next();
    if (!ctx.is('application/json')) return sendError(ctx, 415, 'validation/unsupported-media-type', 'The request body must be application/json');
    let raw: Buffer;
    try {
      raw = await readRawBody(ctx.req, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        ctx.set('Connection', 'close');
        return sendError(ctx, 413, 'validation/body-too-large', `The request body is larger than ${limit} bytes`);
      }
      throw error;
    }
    ctx.state.rawBody = raw;
    if (raw.length > 0) {
      try {
        ctx.state.body = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendError(ctx, 400, 'validation/malformed-json', 'The request body is not valid JSON');
      }
    }
    return next();
  };
