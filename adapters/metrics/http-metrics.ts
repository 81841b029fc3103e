import type { Middleware } from 'koa';
import { Histogram, type Registry } from 'prom-client';

export interface HttpMetrics {
  readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
}

export const httpMetrics = (registry: Registry): HttpMetrics => ({
  requestDuration: new Histogram({
    name: 'taskport_http_request_duration_seconds',
    help: 'Time from a request arriving to its response, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
});

/** The route template koa-router matched (`/api/integrations/:id`), never the raw path: labels stay bounded. */
export const routeTemplate = (ctx: { _matchedRoute?: unknown }): string =>
  typeof ctx._matchedRoute === 'string' ? ctx._matchedRoute : 'unmatched';

/** Times every request; mounted first, so errors answered by the error boundary are timed too. */
export const measureRequests =
  (metrics: HttpMetrics): Middleware =>
  async (ctx, next) => {
    const stop = metrics.requestDuration.startTimer();
    try {
      await next();
    } finally {
      stop({ method: ctx.method, route: routeTemplate(ctx as { _matchedRoute?: unknown }), status: String(ctx.status) });
    }
  };
