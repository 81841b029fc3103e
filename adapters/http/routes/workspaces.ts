import Router from '@koa/router';
import type { Context } from 'koa';
import { EXTERNAL_TASKS_MODULE } from '../../../core/index.js';
import type { ApiUseCases } from '../api-use-cases.js';
import { noQuery } from '../middleware/no-query.js';
import { requireWorkspaceModule } from '../middleware/require-workspace-module.js';
import { principalOf } from '../principal.js';
import { requesterOf } from '../requester.js';
import { respond } from '../respond.js';

/** Route parameters only: the workspace is never read from a body, a query or a header. */
const moduleParams = (ctx: Context) => ({ workspaceId: ctx.params.workspaceId, moduleKey: ctx.params.moduleKey });

/** The embedding product's workspaces: their module switches, and the routes those switches guard. */
export const workspaceRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/workspaces/:workspaceId' });
  router.get('/modules', noQuery, (ctx) => respond(ctx, useCases.listWorkspaceModules(principalOf(ctx).organizationId, { workspaceId: ctx.params.workspaceId })));
  router.get('/modules/:moduleKey', noQuery, (ctx) => respond(ctx, useCases.getWorkspaceModule(principalOf(ctx).organizationId, moduleParams(ctx))));
  router.patch('/modules/:moduleKey', noQuery, (ctx) =>
    respond(ctx, useCases.updateWorkspaceModule(requesterOf(ctx), moduleParams(ctx), ctx.state.body)),
  );
  // Tasks belong to the organization, not to a workspace: the workspace only decides whether they show.
  router.get('/external-tasks', requireWorkspaceModule(EXTERNAL_TASKS_MODULE), (ctx) =>
    respond(ctx, useCases.listTasks(principalOf(ctx).organizationId, { ...ctx.query }), {
      data: (page) => page.items,
      meta: (page) => ({ nextCursor: page.nextCursor }),
    }),
  );
  return router;
};
