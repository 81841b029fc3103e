import Router, { type RouterContext } from '@koa/router';
import type { EntityId, MappingsChange } from '../../../core/index.js';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import { noQuery } from '../middleware/no-query.js';
import { requesterOf } from '../requester.js';
import { respond } from '../respond.js';
import { CONNECTION_NOT_FOUND, idParam, runIdParam } from '../route-params.js';

/** RFC 7240: the client would rather get 202 at once than wait for the sync to end. */
const prefersAsync = (ctx: RouterContext): boolean =>
  ctx
    .get('prefer')
    .split(',')
    .some((preference) => preference.split(';')[0]!.trim().toLowerCase() === 'respond-async');

/** Connections of the caller's organization: CRUD, test, sync (its runs and quarantine), webhook dead letters and mappings. */
export const integrationRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/integrations' });
  const withId = (handler: (ctx: RouterContext, id: EntityId) => Promise<void>) => async (ctx: RouterContext) => {
    const id = idParam(ctx, CONNECTION_NOT_FOUND);
    if (id !== undefined) await handler(ctx, id);
  };

  router.post('/', noQuery, (ctx) => respond(ctx, useCases.createConnection(requesterOf(ctx), ctx.state.body), { status: 201 }));
  router.get('/', noQuery, (ctx) => respond(ctx, useCases.listConnections(principalOf(ctx).organizationId)));
  router.get('/:id', noQuery, withId((ctx, id) => respond(ctx, useCases.getConnection(principalOf(ctx).organizationId, id))));
  router.patch('/:id', noQuery, withId((ctx, id) => respond(ctx, useCases.updateConnection(requesterOf(ctx), id, ctx.state.body))));
  router.delete(
    '/:id',
    noQuery,
    withId(async (ctx, id) => {
      await respond(ctx, useCases.deleteConnection(requesterOf(ctx), id), { status: 204 });
      if (ctx.status === 204) ctx.body = null;
    }),
  );
  router.post('/:id/test', noQuery, withId((ctx, id) => respond(ctx, useCases.testConnection(principalOf(ctx).organizationId, id))));
  router.post(
    '/:id/sync-now',
    noQuery,
    withId(async (ctx, id) => {
      const command = { organizationId: principalOf(ctx).organizationId, connectionId: id, trigger: 'manual' as const, options: ctx.state.body, origin: requesterOf(ctx) };
      if (!prefersAsync(ctx)) return respond(ctx, useCases.syncNow(command));
      ctx.set('Preference-Applied', 'respond-async');
      await respond(ctx, useCases.requestSync(command), { status: 202, data: (run) => ({ runId: run.id, status: run.status }) });
    }),
  );
  router.get('/:id/sync-runs', withId((ctx, id) => respond(ctx, useCases.listSyncRuns(principalOf(ctx).organizationId, id, { ...ctx.query }))));
  const withRun = (handler: (ctx: RouterContext, id: EntityId, runId: EntityId) => Promise<void>) =>
    withId(async (ctx, id) => {
      const runId = runIdParam(ctx);
      if (runId !== undefined) await handler(ctx, id, runId);
    });
  router.get('/:id/sync-runs/:runId', noQuery, withRun((ctx, id, runId) => respond(ctx, useCases.getSyncRun(principalOf(ctx).organizationId, id, runId))));
  router.post('/:id/sync-runs/:runId/cancel', noQuery, withRun((ctx, id, runId) => respond(ctx, useCases.cancelSyncRun(principalOf(ctx).organizationId, id, runId))));
  router.get('/:id/quarantine', withId((ctx, id) => respond(ctx, useCases.listQuarantinedIssues(principalOf(ctx).organizationId, id, { ...ctx.query }))));
  router.get('/:id/webhook-dead-letters', withId((ctx, id) => respond(ctx, useCases.listWebhookDeadLetters(principalOf(ctx).organizationId, id, { ...ctx.query }))));
  router.post('/:id/webhook-dead-letters/replay', noQuery, withId((ctx, id) => respond(ctx, useCases.replayWebhookDeadLetters(requesterOf(ctx), id, null))));
  router.post(
    '/:id/webhook-dead-letters/:deadLetterId/replay',
    noQuery,
    withId((ctx, id) => respond(ctx, useCases.replayWebhookDeadLetters(requesterOf(ctx), id, ctx.params.deadLetterId ?? ''))),
  );
  router.get('/:id/mappings', noQuery, withId((ctx, id) => respond(ctx, useCases.getMappings(principalOf(ctx).organizationId, id))));
  // Both answer the whole mappings, and in `meta.remap` what applying them to the stored tasks did.
  const mappingsChange = { data: (change: MappingsChange) => change.mappings, meta: (change: MappingsChange) => ({ remap: change.remap }) };
  router.put('/:id/mappings', noQuery, withId((ctx, id) => respond(ctx, useCases.replaceMappings(requesterOf(ctx), id, ctx.state.body), mappingsChange)));
  router.patch('/:id/mappings', noQuery, withId((ctx, id) => respond(ctx, useCases.patchMappings(requesterOf(ctx), id, ctx.state.body), mappingsChange)));
  return router;
};
