import type * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { AccessibleSite } from '../domain/oauth.js';
import type { ProviderSettings } from '../domain/provider.js';
import type { ConnectionField } from '../domain/provider-description.js';
import type { FieldIssue, SourceUnavailable } from '../errors.js';

/** Tokens as the provider's token endpoint answered them, in plain text: encrypt before storing. */
export interface IssuedTokens {
  readonly accessToken: string;
  /** Absent when the provider did not issue one (refresh tokens that do not rotate, or no offline access). */
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

/**
 * The OAuth client of one authorization: nothing for a client configured in taskport, or the
 * tracker instance and the client registered in it (its secrets in plain text, in memory only).
 */
export interface OAuthClientContext {
  readonly baseUrl: string | null;
  readonly settings: ProviderSettings;
  readonly secrets: Readonly<Record<string, string>>;
}

/** What the body of `start` asks for, besides the redirect URI. */
export interface OAuthStartRequest extends OAuthClientContext {
  readonly redirectUri?: string;
}

/**
 * A provider's OAuth 2.0 authorization code flow: where a person consents, how codes and refresh
 * tokens become tokens, and which sites a grant reaches. Authorization and token endpoints may be the
 * provider's own or the instance's; refresh tokens may rotate or not.
 */
export interface OAuthProfile {
  /** The redirect URIs `start` may name; the first is used when none is named. Empty: any https URI the client context allows. */
  readonly redirectUris: ReadonlyArray<string>;
  /** The fields the body of `start` takes besides `redirectUri` (data, shown in the catalogue). */
  readonly startFields: ReadonlyArray<ConnectionField>;
  /** Decodes the body of `start` (its `startFields`); unknown fields are refused, every bad field named. */
  readonly decodeStart: (body: Readonly<Record<string, unknown>>) => E.Either<ReadonlyArray<FieldIssue>, OAuthStartRequest>;
  /** The name a site's id goes by where people see and pick sites, and in the connection's grant details. */
  readonly siteIdField: string;
  /** Where to send the person's browser to consent; the provider comes back to `redirectUri` with `code` and `state`. */
  readonly authorizationUrl: (state: string, redirectUri: string, client: OAuthClientContext) => string;
  readonly exchangeCode: (code: string, redirectUri: string, client: OAuthClientContext) => TE.TaskEither<OAuthProviderError, IssuedTokens>;
  /** Spends `refreshToken`; with rotating refresh tokens, the answer's is the only one valid afterwards. */
  readonly refresh: (refreshToken: string, client: OAuthClientContext) => TE.TaskEither<OAuthProviderError, IssuedTokens>;
  /** The sites of the provider the grant reaches (those of other products left out). */
  readonly sites: (accessToken: string, client: OAuthClientContext) => TE.TaskEither<OAuthProviderError, ReadonlyArray<AccessibleSite>>;
}
