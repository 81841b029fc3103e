import Router from '@koa/router';
import type { ReadinessCheck } from '../api-use-cases.js';
import { sendError } from '../respond.js';

/** Liveness says the process answers; readiness says its database does too. No auth on either. */
export const healthRoutes = (ready: ReadinessCheck): Router => {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { data: { status: 'ok' } };
  });
  router.get('/readyz', async (ctx) => {
    const ok = await ready().catch(() => false);
    if (ok) ctx.body = { data: { status: 'ready' } };
    else sendError(ctx, 503, 'internal/not-ready', 'The database is not reachable');
  });
  return router;
};
