import Router from '@koa/router';
import type { Context } from 'koa';
import { asEntityId, isUuid, type receiveWebhook, type WebhookHeaders } from '../../../core/index.js';
import { BodyTooLarge, readRawBody } from '../middleware/json-body.js';
import { respond, sendError } from '../respond.js';

export type ReceiveWebhook = ReturnType<typeof receiveWebhook>;

export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** Lower-case names, one value each (Node already lower-cases them and joins repeats). */
const headersOf = (ctx: Context): WebhookHeaders =>
  Object.fromEntries(
    Object.entries(ctx.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]])),
  );

/** Anything but a UUID names no connection; it still takes the unknown-connection path, so it is answered alike. */
const connectionIdOf = (ctx: Context) => {
  const raw = String(ctx.params.connectionId ?? '');
  return asEntityId(isUuid(raw) ? raw.toLowerCase() : raw);
};

/**
 * Inbound webhooks. No JWT and no JSON middleware: the sender is authenticated by the connection's
 * secret, over the raw bytes read here, before anything is parsed. Only an oversized body is
 * refused before that, since it is never read in full.
 */
export const webhookRoutes = (receive: ReceiveWebhook, options: { readonly bodyLimit?: number } = {}): Router => {
  const limit = options.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  const router = new Router({ prefix: '/api/webhooks' });
  router.post('/:provider/:connectionId', async (ctx) => {
    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(ctx.req, limit);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      ctx.set('Connection', 'close');
      return sendError(ctx, 413, 'webhook/body-too-large', `The webhook body is larger than ${limit} bytes`);
    }
    await respond(ctx, receive({ provider: String(ctx.params.provider ?? ''), connectionId: connectionIdOf(ctx), rawBody, headers: headersOf(ctx) }));
  });
  return router;
};
