import Router, { type RouterContext } from '@koa/router';
import type { EntityId, MappingsChange } from '../../../core/index.js';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import { noQuery } from '../middleware/no-query.js';
import { respond } from '../respond.js';
import { CONNECTION_NOT_FOUND, idParam } from '../route-params.js';

/** Connections of the caller's organization: CRUD, test, sync and mappings. */
export const integrationRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/integrations' });
  const withId = (handler: (ctx: RouterContext, id: EntityId) => Promise<void>) => async (ctx: RouterContext) => {
    const id = idParam(ctx, CONNECTION_NOT_FOUND);
    if (id !== undefined) await handler(ctx, id);
  };

  router.post('/', noQuery, (ctx) => respond(ctx, useCases.createConnection(principalOf(ctx).organizationId, ctx.state.body), { status: 201 }));
  router.get('/', noQuery, (ctx) => respond(ctx, useCases.listConnections(principalOf(ctx).organizationId)));
  router.get('/:id', noQuery, withId((ctx, id) => respond(ctx, useCases.getConnection(principalOf(ctx).organizationId, id))));
  router.patch('/:id', noQuery, withId((ctx, id) => respond(ctx, useCases.updateConnection(principalOf(ctx).organizationId, id, ctx.state.body))));
  router.delete(
    '/:id',
    noQuery,
    withId(async (ctx, id) => {
      await respond(ctx, useCases.deleteConnection(principalOf(ctx).organizationId, id), { status: 204 });
      if (ctx.status === 204) ctx.body = null;
    }),
  );
  router.post('/:id/test', noQuery, withId((ctx, id) => respond(ctx, useCases.testConnection(principalOf(ctx).organizationId, id))));
  router.post(
    '/:id/sync-now',
    noQuery,
    withId((ctx, id) =>
      respond(ctx, useCases.syncNow({ organizationId: principalOf(ctx).organizationId, connectionId: id, trigger: 'manual', options: ctx.state.body })),
    ),
  );
  router.get('/:id/sync-runs', withId((ctx, id) => respond(ctx, useCases.listSyncRuns(principalOf(ctx).organizationId, id, { ...ctx.query }))));
  router.get('/:id/mappings', noQuery, withId((ctx, id) => respond(ctx, useCases.getMappings(principalOf(ctx).organizationId, id))));
  // Both answer the whole mappings, and in `meta.remap` what applying them to the stored tasks did.
  const mappingsChange = { data: (change: MappingsChange) => change.mappings, meta: (change: MappingsChange) => ({ remap: change.remap }) };
  router.put('/:id/mappings', noQuery, withId((ctx, id) => respond(ctx, useCases.replaceMappings(principalOf(ctx).organizationId, id, ctx.state.body), mappingsChange)));
  router.patch('/:id/mappings', noQuery, withId((ctx, id) => respond(ctx, useCases.patchMappings(principalOf(ctx).organizationId, id, ctx.state.body), mappingsChange)));
  return router;
};
