import Router from '@koa/router';
import type { Context } from 'koa';
import { asEntityId } from '../../../core/index.js';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import { requesterOf } from '../requester.js';
import { respond } from '../respond.js';

const providerOf = (ctx: Context): string => String(ctx.params.provider ?? '');

/**
 * The OAuth steps a signed-in person takes (JWT), for the provider the path names: start an
 * authorization, then see and pick the sites of a grant.
 */
export const oauthRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/integrations/oauth/:provider' });
  router.post('/start', (ctx) => respond(ctx, useCases.startOAuth(providerOf(ctx), requesterOf(ctx), ctx.state.body)));
  router.post('/select-site', (ctx) => respond(ctx, useCases.selectOAuthSite(providerOf(ctx), requesterOf(ctx), ctx.state.body), { status: 201 }));
  router.get('/selections/:id', (ctx) =>
    respond(ctx, useCases.getSiteSelection(providerOf(ctx), principalOf(ctx).organizationId, asEntityId(String(ctx.params.id ?? '')))),
  );
  return router;
};
