import Router from '@koa/router';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import { noQuery } from '../middleware/no-query.js';
import { requesterOf } from '../requester.js';
import { respond } from '../respond.js';
import { USER_MAPPING_NOT_FOUND, idParam } from '../route-params.js';

export const userMappingRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/external-user-mappings' });
  router.post('/', noQuery, (ctx) => respond(ctx, useCases.createUserMapping(requesterOf(ctx), ctx.state.body), { status: 201 }));
  router.get('/', noQuery, (ctx) => respond(ctx, useCases.listUserMappings(principalOf(ctx).organizationId)));
  router.delete('/:id', noQuery, async (ctx) => {
    const id = idParam(ctx, USER_MAPPING_NOT_FOUND);
    if (id === undefined) return;
    await respond(ctx, useCases.deleteUserMapping(requesterOf(ctx), id), { status: 204 });
    if (ctx.status === 204) ctx.body = null;
  });
  return router;
};
