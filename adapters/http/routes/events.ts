import Router from '@koa/router';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import { respond } from '../respond.js';

/** The event feed (pull), and the audit log: both read-only, scoped to the caller's organization. */
export const eventRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api' });
  router.get('/events', (ctx) =>
    respond(ctx, useCases.listEvents(principalOf(ctx).organizationId, { ...ctx.query }), {
      data: (page) => page.items,
      meta: (page) => ({ nextCursor: page.nextCursor }),
    }),
  );
  router.get('/audit-events', (ctx) =>
    respond(ctx, useCases.listAuditEvents(principalOf(ctx).organizationId, { ...ctx.query }), {
      data: (page) => page.items,
      meta: (page) => ({ nextCursor: page.nextCursor }),
    }),
  );
  return router;
};
