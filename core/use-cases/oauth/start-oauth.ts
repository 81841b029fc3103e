import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { StartOAuthInputCodec } from '../../codecs/oauth-input.js';
import type { OrganizationId } from '../../domain/ids.js';
import { OAUTH_STATE_TTL_MS } from '../../domain/oauth.js';
import type { Provider } from '../../domain/provider.js';
import { invalidInput, type DomainError, type InvalidInput } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { OAuthProviderRegistry, OAuthSettings } from '../../ports/oauth-provider.js';
import type { OAuthStateStore } from '../../ports/oauth-state-store.js';
import { oauthProviderFor } from './oauth-provider-for.js';

export interface StartOAuthDeps {
  readonly oauthProviders: OAuthProviderRegistry;
  readonly oauthSettings: OAuthSettings;
  readonly oauthStates: OAuthStateStore;
  readonly clock: Clock;
}

/** Who asks: the organization and the `sub` of the verified token. */
export interface OAuthRequester {
  readonly organizationId: OrganizationId;
  readonly subject: string;
}

export interface OAuthStart {
  readonly authorizationUrl: string;
}

/** Only a redirect URI on the allow-list: the code must never be sent anywhere else. */
const allowedRedirectUri = (settings: OAuthSettings, asked: string | undefined): E.Either<InvalidInput, string> => {
  const chosen = asked ?? settings.redirectUris[0];
  if (chosen !== undefined && settings.redirectUris.includes(chosen)) return E.right(chosen);
  return E.left(invalidInput([{ path: 'redirectUri', message: asked === undefined ? 'no redirect URI is configured' : 'is not an allowed redirect URI' }]));
};

/**
 * Begins an authorization: remembers who asked under a single-use state that expires in five
 * minutes, and answers the provider's consent URL carrying that state.
 */
export const startOAuth =
  (deps: StartOAuthDeps, provider: Provider = 'jira') =>
  (requester: OAuthRequester, body: unknown): TE.TaskEither<DomainError, OAuthStart> =>
    pipe(
      TE.fromEither(oauthProviderFor(deps.oauthProviders, provider)),
      TE.bindTo('oauth'),
      TE.bindW('input', () => TE.fromEither(decodeInput(StartOAuthInputCodec)(body ?? {}))),
      TE.bindW('redirectUri', ({ input }) => TE.fromEither(allowedRedirectUri(deps.oauthSettings, input.redirectUri))),
      TE.bindW('state', ({ redirectUri }) =>
        deps.oauthStates.issue({
          organizationId: requester.organizationId,
          subject: requester.subject,
          provider,
          redirectUri,
          expiresAt: new Date(deps.clock.now().getTime() + OAUTH_STATE_TTL_MS),
        }),
      ),
      TE.map(({ oauth, state, redirectUri }) => ({ authorizationUrl: oauth.authorizationUrl(state, redirectUri) })),
    );
