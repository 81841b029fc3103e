import { createHash, timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type { Registry } from 'prom-client';
import { sendError } from '../respond.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` in Prometheus's text format. Open unless a token is configured, then only with
 * `Authorization: Bearer <token>` (compared in constant time).
 */
export const metricsRoutes = (registry: Registry, token?: string): Router => {
  const router = new Router();
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  router.get('/metrics', async (ctx) => {
    if (expected !== undefined && !timingSafeEqual(digest(ctx.get('authorization')), expected)) {
      ctx.set('WWW-Authenticate', 'Bearer');
      return sendError(ctx, 401, 'auth/unauthorized', 'GET /metrics needs the metrics token');
    }
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  return router;
};
