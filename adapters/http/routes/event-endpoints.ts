import Router, { type RouterContext } from '@koa/router';
import { asEntityId, isUuid, type EntityId } from '../../../core/index.js';
import type { ApiUseCases } from '../api-use-cases.js';
import { noQuery } from '../middleware/no-query.js';
import { principalOf } from '../principal.js';
import { requesterOf } from '../requester.js';
import { respond, sendError } from '../respond.js';
import { idParam } from '../route-params.js';

const ENDPOINT_NOT_FOUND = { code: 'event-endpoint/not-found', message: 'No such event endpoint' };
const DELIVERY_NOT_FOUND = { code: 'event-delivery/not-found', message: 'No such event delivery' };

/** The organization's outbound webhooks: endpoints (the signing secret shown once), their deliveries and retries. */
export const eventEndpointRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/event-endpoints' });
  const withId = (handler: (ctx: RouterContext, id: EntityId) => Promise<void>) => async (ctx: RouterContext) => {
    const id = idParam(ctx, ENDPOINT_NOT_FOUND);
    if (id !== undefined) await handler(ctx, id);
  };

  router.post('/', noQuery, (ctx) => respond(ctx, useCases.createEventEndpoint(requesterOf(ctx), ctx.state.body), { status: 201 }));
  router.get('/', noQuery, (ctx) => respond(ctx, useCases.listEventEndpoints(principalOf(ctx).organizationId)));
  router.get('/:id', noQuery, withId((ctx, id) => respond(ctx, useCases.getEventEndpoint(principalOf(ctx).organizationId, id))));
  router.patch('/:id', noQuery, withId((ctx, id) => respond(ctx, useCases.updateEventEndpoint(requesterOf(ctx), id, ctx.state.body))));
  router.delete(
    '/:id',
    noQuery,
    withId(async (ctx, id) => {
      await respond(ctx, useCases.deleteEventEndpoint(requesterOf(ctx), id), { status: 204 });
      if (ctx.status === 204) ctx.body = null;
    }),
  );
  router.get(
    '/:id/deliveries',
    withId((ctx, id) =>
      respond(ctx, useCases.listEventDeliveries(principalOf(ctx).organizationId, id, { ...ctx.query }), {
        data: (page) => page.items,
        meta: (page) => ({ nextCursor: page.nextCursor }),
      }),
    ),
  );
  router.post(
    '/:id/deliveries/:deliveryId/retry',
    noQuery,
    withId(async (ctx, id) => {
      const deliveryId = String(ctx.params.deliveryId ?? '');
      if (!isUuid(deliveryId)) return sendError(ctx, 404, DELIVERY_NOT_FOUND.code, DELIVERY_NOT_FOUND.message);
      await respond(ctx, useCases.retryEventDelivery(principalOf(ctx).organizationId, id, asEntityId(deliveryId.toLowerCase())));
    }),
  );
  return router;
};
