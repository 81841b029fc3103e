import type { Middleware } from 'koa';
import { Counter, type Registry } from 'prom-client';
import { routeTemplate } from './http-metrics.js';

export interface WebhookMetrics {
  readonly deliveries: Counter<'provider' | 'outcome'>;
}

export const webhookMetrics = (registry: Registry): WebhookMetrics => ({
  deliveries: new Counter({
    name: 'taskport_webhook_deliveries_total',
    help: 'Webhook deliveries answered, by provider and outcome (accepted: a 2xx answer; refused: any other)',
    labelNames: ['provider', 'outcome'],
    registers: [registry],
  }),
});

const WEBHOOK_PATH = /^\/api\/webhooks\/([a-z][a-z0-9-]{0,31})\//;

/** Counts one answered delivery: `served` when a webhook route answered it for a provider it knows (not a 404). */
export const countDelivery = (metrics: WebhookMetrics, provider: string, served: boolean, status: number): void =>
  metrics.deliveries.inc({ provider: served ? provider : 'unknown', outcome: status >= 200 && status < 300 ? 'accepted' : 'refused' });

/**
 * Counts the answers of webhook routes. A path no route serves, or a provider the route does not
 * know (404), counts under `unknown`, so a sender cannot mint label values.
 */
export const countWebhookDeliveries =
  (metrics: WebhookMetrics): Middleware =>
  async (ctx, next) => {
    await next();
    const provider = ctx.method === 'POST' ? WEBHOOK_PATH.exec(ctx.path)?.[1] : undefined;
    if (provider === undefined) return;
    countDelivery(metrics, provider, routeTemplate(ctx as { _matchedRoute?: unknown }) !== 'unmatched' && ctx.status !== 404, ctx.status);
  };
