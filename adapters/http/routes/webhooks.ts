import Router from '@koa/router';
import type { IncomingHttpHeaders } from 'node:http';
import { asEntityId, isUuid, type receiveWebhook, type ReceiveWebhookCommand, type WebhookHeaders } from '../../../core/index.js';
import { BodyTooLarge, readRawBody } from '../middleware/json-body.js';
import { respond, sendError } from '../respond.js';

export type ReceiveWebhook = ReturnType<typeof receiveWebhook>;

export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;

export const WEBHOOK_PREFIX = '/api/webhooks';
/** The route's template, as the request metrics label it. */
export const WEBHOOK_ROUTE = `${WEBHOOK_PREFIX}/:provider/:connectionId`;

/** Lower-case names, one value each (Node already lower-cases them and joins repeats). A loop: it runs on every delivery. */
const headersOf = (headers: IncomingHttpHeaders): WebhookHeaders => {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
};

/** Anything but a UUID names no connection; it still takes the unknown-connection path, so it is answered alike. */
const connectionIdOf = (raw: string) => asEntityId(isUuid(raw) ? raw.toLowerCase() : raw);

/** What the use case is given for one delivery, whichever server read it. */
export const webhookCommand = (provider: string, connectionId: string, rawBody: Buffer, headers: IncomingHttpHeaders): ReceiveWebhookCommand => ({
  provider,
  connectionId: connectionIdOf(connectionId),
  rawBody,
  headers: headersOf(headers),
});

export const bodyTooLargeMessage = (limit: number) => `The webhook body is larger than ${limit} bytes`;

/**
 * Inbound webhooks. No JWT and no JSON middleware: the sender is authenticated by the connection's
 * secret, over the raw bytes read here, before anything is parsed. Only an oversized body is
 * refused before that, since it is never read in full. The API server answers the common form of
 * these paths without Koa (`webhook-endpoint.ts`), with the same answers; this route serves the
 * rest, and hosts mounting `createApiRouter`.
 */
export const webhookRoutes = (receive: ReceiveWebhook, options: { readonly bodyLimit?: number } = {}): Router => {
  const limit = options.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  const router = new Router({ prefix: WEBHOOK_PREFIX });
  router.post('/:provider/:connectionId', async (ctx) => {
    let rawBody: Buffer;
    try {
      rawBody = await readRawBody(ctx.req, limit);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      ctx.set('Connection', 'close');
      return sendError(ctx, 413, 'webhook/body-too-large', bodyTooLargeMessage(limit));
    }
    await respond(ctx, receive(webhookCommand(String(ctx.params.provider ?? ''), String(ctx.params.connectionId ?? ''), rawBody, ctx.headers)));
  });
  return router;
};
