import Router from '@koa/router';
import * as E from 'fp-ts/lib/Either.js';
import type { Context } from 'koa';
import type { DomainError, OAuthOutcome } from '../../../core/index.js';
import type { ApiUseCases } from '../api-use-cases.js';
import { ERROR_STATUS } from '../error-status.js';
import { takeBrowserBinding } from '../oauth-browser-binding.js';
import { requestIdOf } from '../requester.js';
import { sendDomainError } from '../respond.js';

export interface OAuthCallbackOptions {
  /** Where the browser is sent with the outcome in the query, per provider; without one, the outcome is answered as JSON. */
  readonly frontendUrls?: Readonly<Record<string, string>>;
}

const outcomeParams = (outcome: E.Either<DomainError, OAuthOutcome>): Record<string, string> => {
  if (E.isLeft(outcome)) {
    const error = outcome.left;
    return { oauth: 'error', code: ERROR_STATUS[error._tag].code, reason: error._tag === 'OAuthFailed' ? error.reason : error._tag };
  }
  const done = outcome.right;
  return done.status === 'connected' ? { oauth: 'connected', connectionId: done.connection.id } : { oauth: done.status, selectionId: done.selectionId };
};

const redirectWith = (ctx: Context, frontendUrl: string, provider: string, params: Record<string, string>) => {
  const target = new URL(frontendUrl);
  Object.entries({ provider, ...params }).forEach(([name, value]) => target.searchParams.set(name, value));
  ctx.redirect(target.toString());
};

/**
 * Where the provider sends the browser back. No JWT: the single-use state names the organization
 * and the person who started the authorization.
 */
export const oauthCallbackRoutes = (useCases: ApiUseCases, options: OAuthCallbackOptions = {}): Router => {
  const router = new Router({ prefix: '/api/integrations/oauth/:provider' });
  router.get('/callback', async (ctx) => {
    const provider = String(ctx.params.provider ?? '');
    const state = typeof ctx.query.state === 'string' ? ctx.query.state : undefined;
    const outcome = await useCases.completeOAuth(provider, ctx.query, takeBrowserBinding(ctx, provider, state), requestIdOf(ctx))();
    // The URL carried a code: keep it out of caches and of the Referer of whatever comes next.
    ctx.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    const frontendUrl = Object.hasOwn(options.frontendUrls ?? {}, provider) ? options.frontendUrls?.[provider] : undefined;
    if (frontendUrl !== undefined) return redirectWith(ctx, frontendUrl, provider, outcomeParams(outcome));
    if (E.isLeft(outcome)) return sendDomainError(ctx, outcome.left);
    ctx.status = outcome.right.status === 'connected' ? 201 : 200;
    ctx.body = { data: outcome.right };
  });
  return router;
};
