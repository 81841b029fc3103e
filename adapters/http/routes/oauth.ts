import Router from '@koa/router';
import type { Context } from 'koa';
import { asEntityId } from '../../../core/index.js';
import type { ApiUseCases } from '../api-use-cases.js';
import { principalOf } from '../principal.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { noQuery } from '../middleware/no-query.js';
import { newBrowserBinding, setBrowserBinding } from '../oauth-browser-binding.js';
import { requesterOf } from '../requester.js';
import { respond } from '../respond.js';

const providerOf = (ctx: Context): string => String(ctx.params.provider ?? '');

/**
 * The OAuth steps a signed-in person takes (JWT), for the provider the path names: start an
 * authorization, then see and pick the sites of a grant.
 */
export const oauthRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/integrations/oauth/:provider' });
  router.post('/start', noQuery, async (ctx) => {
    const binding = newBrowserBinding();
    const provider = providerOf(ctx);
    const started = useCases.startOAuth(provider, requesterOf(ctx), ctx.state.body, binding.digest);
    await respond(
      ctx,
      pipe(
        started,
        TE.map((start) => (setBrowserBinding(ctx, provider, start.state, binding.value), start)),
      ),
      // The state travels in the consent URL only; the answer need not repeat it.
      { data: (start) => ({ authorizationUrl: start.authorizationUrl }) },
    );
  });
  router.post('/select-site', noQuery, (ctx) => respond(ctx, useCases.selectOAuthSite(providerOf(ctx), requesterOf(ctx), ctx.state.body), { status: 201 }));
  router.get('/selections/:id', noQuery, (ctx) =>
    respond(ctx, useCases.getSiteSelection(providerOf(ctx), principalOf(ctx).organizationId, asEntityId(String(ctx.params.id ?? '')))),
  );
  return router;
};
