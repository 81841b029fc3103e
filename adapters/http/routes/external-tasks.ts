import Router from '@koa/router';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import { noQuery } from '../middleware/no-query.js';
import { respond } from '../respond.js';
import { TASK_NOT_FOUND, idParam } from '../route-params.js';

export const externalTaskRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/external-tasks' });
  router.get('/', (ctx) =>
    respond(ctx, useCases.listTasks(principalOf(ctx).organizationId, { ...ctx.query }), {
      data: (page) => page.items,
      meta: (page) => ({ nextCursor: page.nextCursor }),
    }),
  );
  router.post('/resolve-references', noQuery, (ctx) => respond(ctx, useCases.resolveTaskReferences(principalOf(ctx).organizationId, ctx.state.body)));
  router.get('/:id', noQuery, async (ctx) => {
    const id = idParam(ctx, TASK_NOT_FOUND);
    if (id !== undefined) await respond(ctx, useCases.getTask(principalOf(ctx).organizationId, id));
  });
  return router;
};
