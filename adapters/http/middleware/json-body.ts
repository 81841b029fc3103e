import type { IncomingMessage } from 'node:http';
import type { Context, Middleware } from 'koa';
import { sendError } from '../respond.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Thrown by `readRawBody` when a body exceeds its limit. */
export class BodyTooLarge extends Error {}

/** Reads the raw bytes of a request, refusing more than `limit` without buffering the excess. */
export const readRawBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });

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
