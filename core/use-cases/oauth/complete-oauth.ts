import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeQuery } from '../../codecs/decode.js';
import { OAuthCallbackQueryCodec, type OAuthCallbackQuery } from '../../codecs/oauth-input.js';
import type { AccessibleSite, OAuthStateBinding } from '../../domain/oauth.js';
import { oauthFailed, type DomainError, type OAuthFailed } from '../../errors.js';
import type { OAuthClientContext, OAuthGrantRejected } from '../../ports/oauth-provider.js';
import type { OAuthStateStore } from '../../ports/oauth-state-store.js';
import type { SiteSelectionStore } from '../../ports/site-selection-store.js';
import { publicConnectionOf } from '../providers/find-provider.js';
import { createOAuthConnection, type GrantedTokens, type OAuthConnectionDeps } from './create-oauth-connection.js';
import { firstGrant } from './granted-tokens.js';
import { oauthTargetOf, type OAuthTarget } from './oauth-profile-of.js';
import { awaitSiteSelection, type OAuthOutcome } from './oauth-outcome.js';
import { clientContextOf } from './pending-client.js';

export interface CompleteOAuthDeps extends OAuthConnectionDeps {
  readonly oauthStates: OAuthStateStore;
  readonly siteSelections: SiteSelectionStore;
}

/** Unknown, used, tampered with, or for another provider: all the same to the caller. */
const verifyState = (deps: CompleteOAuthDeps, provider: string, state: string | undefined, browserBinding: string | null): TE.TaskEither<DomainError, OAuthStateBinding> => {
  const invalid = oauthFailed('state-invalid', 'The authorization state is unknown or was already used; start the authorization again');
  if (state === undefined) return TE.left(invalid);
  return pipe(
    deps.oauthStates.consume(state),
    TE.chainW((binding) => {
      if (binding === null || binding.provider !== provider) return TE.left(invalid);
      if (binding.expiresAt.getTime() <= deps.clock.now().getTime()) {
        return TE.left(oauthFailed('state-expired', 'The authorization took longer than five minutes; start it again'));
      }
      if (binding.browserBinding !== null && binding.browserBinding !== browserBinding) {
        return TE.left(oauthFailed('browser-mismatch', 'The authorization was started in another browser; start it again from the browser that finishes it'));
      }
      return TE.right(binding);
    }),
  );
};

const declined = (query: OAuthCallbackQuery): OAuthFailed =>
  query.error === 'access_denied'
    ? oauthFailed('access-denied', 'The person declined to grant access (access_denied); nothing was connected')
    : oauthFailed('authorization-failed', `The provider ended the authorization with ${query.error}${query.error_description ? `: ${query.error_description.slice(0, 300)}` : ''}`);

const rejected = (reason: 'code-rejected' | 'authorization-failed', what: string) => (e: OAuthGrantRejected | DomainError) =>
  e._tag === 'OAuthGrantRejected' ? oauthFailed(reason, `The provider refused ${what} (${e.error})`) : e;

const exchange = (deps: CompleteOAuthDeps, target: OAuthTarget, code: string | undefined, redirectUri: string, client: OAuthClientContext) =>
  code === undefined
    ? TE.left(oauthFailed('authorization-failed', 'The callback carries neither a code nor an error'))
    : pipe(
        target.oauth.exchangeCode(code, redirectUri, client),
        TE.mapLeft(rejected('code-rejected', 'the authorization code')),
        TE.chainEitherKW((issued) => firstGrant(issued, deps.clock.now())),
      );

const connectOrAsk = (
  deps: CompleteOAuthDeps,
  target: OAuthTarget,
  binding: OAuthStateBinding,
  tokens: GrantedTokens,
  client: OAuthClientContext,
  sites: ReadonlyArray<AccessibleSite>,
  requestId: string | null,
) => {
  const [only, ...others] = sites;
  const { displayName } = target.provider.description;
  if (only === undefined) return TE.left(oauthFailed('no-site', `The grant reaches no ${displayName} site; authorize with an account that uses ${displayName}`));
  if (others.length > 0) return awaitSiteSelection(deps, target.oauth.siteIdField, binding, tokens, sites);
  return pipe(
    createOAuthConnection(deps, target)({ organizationId: binding.organizationId, site: only, tokens, client, origin: { actor: binding.subject, requestId } }),
    TE.map((connection): OAuthOutcome => ({ status: 'connected', connection: publicConnectionOf(deps.providers)(connection) })),
  );
};

/**
 * The provider's redirect back: the single-use state says who started it (the actor audited); the
 * code becomes tokens, and the grant's one site becomes a connection, or several wait for a person to pick one.
 */
export const completeOAuth =
  (deps: CompleteOAuthDeps) =>
  (providerName: string, query: unknown, browserBinding: string | null = null, requestId: string | null = null): TE.TaskEither<DomainError, OAuthOutcome> =>
    pipe(
      TE.fromEither(oauthTargetOf(deps.providers, providerName)),
      TE.bindTo('target'),
      TE.bindW('query', () => TE.fromEither(decodeQuery(OAuthCallbackQueryCodec)(query))),
      TE.bindW('binding', ({ query }) => verifyState(deps, providerName, query.state, browserBinding)),
      TE.chainFirstW(({ query }) => (query.error === undefined ? TE.right(undefined) : TE.left(declined(query)))),
      TE.bindW('client', ({ binding }) => clientContextOf(deps.cipher, binding.organizationId, binding.client)),
      TE.bindW('tokens', ({ target, query, binding, client }) => exchange(deps, target, query.code, binding.redirectUri, client)),
      TE.bindW('sites', ({ target, tokens, client }) =>
        pipe(target.oauth.sites(tokens.accessToken, client), TE.mapLeft(rejected('authorization-failed', 'the list of accessible sites'))),
      ),
      TE.chainW(({ target, binding, tokens, client, sites }) => connectOrAsk(deps, target, binding, tokens, client, sites, requestId)),
    );
