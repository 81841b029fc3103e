import Router from '@koa/router';
import type { RemapReport } from '../../../core/index.js';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import { noQuery } from '../middleware/no-query.js';
import { requesterOf } from '../requester.js';
import { respond } from '../respond.js';
import { USER_MAPPING_NOT_FOUND, idParam } from '../route-params.js';

export const REMAP_EXAMINED_HEADER = 'Taskport-Tasks-Examined';
export const REMAP_REMAPPED_HEADER = 'Taskport-Tasks-Remapped';

export const userMappingRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/external-user-mappings' });
  router.post('/', noQuery, (ctx) =>
    respond(ctx, useCases.createUserMapping(requesterOf(ctx), ctx.state.body), { status: 201, data: (change) => change.mapping, meta: (change) => ({ remap: change.remap }) }),
  );
  router.get('/', noQuery, (ctx) => respond(ctx, useCases.listUserMappings(principalOf(ctx).organizationId)));
  router.delete('/:id', noQuery, async (ctx) => {
    const id = idParam(ctx, USER_MAPPING_NOT_FOUND);
    if (id === undefined) return;
    await respond(ctx, useCases.deleteUserMapping(requesterOf(ctx), id), { status: 204 });
    if (ctx.status !== 204) return;
    // A 204 has no body: how many tasks lost the resource is told in headers.
    const remap = (ctx.body as { data: RemapReport }).data;
    ctx.set(REMAP_EXAMINED_HEADER, String(remap.tasksExamined));
    ctx.set(REMAP_REMAPPED_HEADER, String(remap.tasksRemapped));
    ctx.body = null;
  });
  return router;
};
