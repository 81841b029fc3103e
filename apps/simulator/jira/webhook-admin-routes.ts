import type { Router } from '@koa/router';
import { INVALID_JSON, isRecord, readJson, sendError, type SimState } from './http-helpers.js';
import type { WebhookControl } from './webhook-sender.js';

const optionalString = (value: unknown) => value === undefined || value === null || typeof value === 'string';

/**
 * `/__admin/webhooks`: where the site's webhook points and with which secret, the deliveries it
 * sent, resending one, and signing the next ones with a wrong secret.
 */
export const addWebhookAdminRoutes = (router: Router<SimState>, webhooks: WebhookControl): void => {
  router.get('/__admin/webhooks', (ctx) => {
    ctx.body = webhooks.settings();
  });
  router.put('/__admin/webhooks', async (ctx) => {
    const body = await readJson(ctx);
    if (body === INVALID_JSON || !isRecord(body) || !optionalString(body.url) || !optionalString(body.secret)) {
      return sendError(ctx, 400, ['expected { url?: string | null, secret?: string | null }']);
    }
    try {
      webhooks.configure({
        ...(body.url === undefined ? {} : { url: body.url as string | null }),
        ...(body.secret === undefined ? {} : { secret: body.secret as string | null }),
      });
    } catch (error) {
      return sendError(ctx, 400, [error instanceof Error ? error.message : String(error)]);
    }
    ctx.body = webhooks.settings();
  });
  router.post('/__admin/webhooks/wrong-secret', async (ctx) => {
    const body = await readJson(ctx);
    const count = isRecord(body) && body.count !== undefined ? body.count : 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return sendError(ctx, 400, ['expected { count?: positive integer }']);
    webhooks.signNextWithWrongSecret(count);
    ctx.status = 204;
  });
  router.get('/__admin/webhooks/deliveries', (ctx) => {
    ctx.body = webhooks.deliveries().map(({ body: _body, ...delivery }) => delivery);
  });
  router.post('/__admin/webhooks/deliveries/:id/resend', async (ctx) => {
    const body = await readJson(ctx);
    const known = webhooks.deliveries().some((d) => d.id === ctx.params.id);
    if (!known) return sendError(ctx, 404, [`No delivery ${ctx.params.id}`]);
    ctx.body = await webhooks.resend(String(ctx.params.id), { wrongSecret: isRecord(body) && body.wrongSecret === true });
  });
};
