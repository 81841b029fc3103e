import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { AccessibleSite } from '../domain/oauth.js';
import type { Provider } from '../domain/provider.js';
import type { SourceUnavailable } from '../errors.js';

/** Tokens as the provider's token endpoint answered them, in plain text: encrypt before storing. */
export interface IssuedTokens {
  readonly accessToken: string;
  /** Absent when the provider did not rotate it (or `offline_access` was not granted). */
  readonly refreshToken: string | null;
  /** Lifetime of the access token, from the moment of the answer; null when the provider did not say. */
  readonly expiresInSeconds: number | null;
  readonly scopes: ReadonlyArray<string>;
}

/** The token endpoint refused the grant with an OAuth error (`invalid_grant`: the code or refresh token is spent or revoked). */
export interface OAuthGrantRejected {
  readonly _tag: 'OAuthGrantRejected';
  readonly error: string;
  readonly description: string | null;
}

export type OAuthProviderError = OAuthGrantRejected | SourceUnavailable;

/** A provider's OAuth 2.0 authorization server (authorization code grant) and its list of reachable sites. */
export interface OAuthProvider {
  /** Where to send the person's browser to consent; the provider comes back to `redirectUri` with `code` and `state`. */
  readonly authorizationUrl: (state: string, redirectUri: string) => string;
  readonly exchangeCode: (code: string, redirectUri: string) => TE.TaskEither<OAuthProviderError, IssuedTokens>;
  /** Spends `refreshToken`: with rotating refresh tokens, the answer's is the only one valid afterwards. */
  readonly refresh: (refreshToken: string) => TE.TaskEither<OAuthProviderError, IssuedTokens>;
  readonly accessibleSites: (accessToken: string) => TE.TaskEither<OAuthProviderError, ReadonlyArray<AccessibleSite>>;
}

/** The OAuth provider of a tracker; undefined when it is not configured. */
export type OAuthProviderRegistry = (provider: Provider) => OAuthProvider | undefined;

/** Which redirect URIs `start` may name; the first is used when none is named. */
export interface OAuthSettings {
  readonly redirectUris: ReadonlyArray<string>;
}
