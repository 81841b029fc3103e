import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { OAuthCallbackQueryCodec, type OAuthCallbackQuery } from '../../codecs/oauth-input.js';
import { jiraSites, type AccessibleSite, type OAuthStateBinding } from '../../domain/oauth.js';
import type { Provider } from '../../domain/provider.js';
import { toPublicConnection } from '../../domain/public-connection.js';
import { oauthFailed, type DomainError, type OAuthFailed } from '../../errors.js';
import type { OAuthGrantRejected, OAuthProvider, OAuthProviderRegistry } from '../../ports/oauth-provider.js';
import type { OAuthStateStore } from '../../ports/oauth-state-store.js';
import type { SiteSelectionStore } from '../../ports/site-selection-store.js';
import { createOAuthConnection, type GrantedTokens, type OAuthConnectionDeps } from './create-oauth-connection.js';
import { firstGrant } from './granted-tokens.js';
import { oauthProviderFor } from './oauth-provider-for.js';
import { awaitSiteSelection, type OAuthOutcome } from './oauth-outcome.js';

export interface CompleteOAuthDeps extends OAuthConnectionDeps {
  readonly oauthProviders: OAuthProviderRegistry;
  readonly oauthStates: OAuthStateStore;
  readonly siteSelections: SiteSelectionStore;
}

/** Unknown, used, tampered with, or for another provider: all the same to the caller. */
const verifyState = (deps: CompleteOAuthDeps, provider: Provider, state: string | undefined): TE.TaskEither<DomainError, OAuthStateBinding> => {
  const invalid = oauthFailed('state-invalid', 'The authorization state is unknown or was already used; start the authorization again');
  if (state === undefined) return TE.left(invalid);
  return pipe(
    deps.oauthStates.consume(state),
    TE.chainW((binding) => {
      if (binding === null || binding.provider !== provider) return TE.left(invalid);
      if (binding.expiresAt.getTime() <= deps.clock.now().getTime()) {
        return TE.left(oauthFailed('state-expired', 'The authorization took longer than five minutes; start it again'));
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

const exchange = (deps: CompleteOAuthDeps, oauth: OAuthProvider, code: string | undefined, redirectUri: string) =>
  code === undefined
    ? TE.left(oauthFailed('authorization-failed', 'The callback carries neither a code nor an error'))
    : pipe(
        oauth.exchangeCode(code, redirectUri),
        TE.mapLeft(rejected('code-rejected', 'the authorization code')),
        TE.chainEitherKW((issued) => firstGrant(issued, deps.clock.now())),
      );

const connectOrAsk = (deps: CompleteOAuthDeps, binding: OAuthStateBinding, tokens: GrantedTokens, sites: ReadonlyArray<AccessibleSite>) => {
  const [only, ...others] = sites;
  if (only === undefined) return TE.left(oauthFailed('no-jira-site', 'The grant reaches no Jira site; authorize with an account that uses Jira'));
  if (others.length > 0) return awaitSiteSelection(deps, binding, tokens, sites);
  return pipe(
    createOAuthConnection(deps)(binding.organizationId, binding.provider, only, tokens),
    TE.map((connection): OAuthOutcome => ({ status: 'connected', connection: toPublicConnection(connection) })),
  );
};

/**
 * The provider's redirect back: the single-use state says who started it; the code becomes tokens,
 * and the grant's one Jira site becomes a connection, or several wait for a person to pick one.
 */
export const completeOAuth =
  (deps: CompleteOAuthDeps, provider: Provider = 'jira') =>
  (query: unknown): TE.TaskEither<DomainError, OAuthOutcome> =>
    pipe(
      TE.fromEither(decodeInput(OAuthCallbackQueryCodec)(query)),
      TE.bindTo('query'),
      TE.bindW('binding', ({ query }) => verifyState(deps, provider, query.state)),
      TE.chainFirstW(({ query }) => (query.error === undefined ? TE.right(undefined) : TE.left(declined(query)))),
      TE.bindW('oauth', () => TE.fromEither(oauthProviderFor(deps.oauthProviders, provider))),
      TE.bindW('tokens', ({ oauth, query, binding }) => exchange(deps, oauth, query.code, binding.redirectUri)),
      TE.bindW('sites', ({ oauth, tokens }) =>
        pipe(oauth.accessibleSites(tokens.accessToken), TE.mapLeft(rejected('authorization-failed', 'the list of accessible sites')), TE.map(jiraSites)),
      ),
      TE.chainW(({ binding, tokens, sites }) => connectOrAsk(deps, binding, tokens, sites)),
    );
