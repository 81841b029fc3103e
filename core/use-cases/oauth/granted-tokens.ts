import * as E from 'fp-ts/lib/Either.js';
import { oauthFailed, type OAuthFailed } from '../../errors.js';
import type { IssuedTokens } from '../../ports/oauth-provider.js';
import type { GrantedTokens } from './create-oauth-connection.js';

/** Assumed when a token answer does not say how long its access token lives: an hour is the common lifetime. */
const DEFAULT_LIFETIME_SECONDS = 3600;

const expiryOf = (issued: IssuedTokens, now: Date): Date =>
  new Date(now.getTime() + (issued.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS) * 1000);

/** A first grant must come with a refresh token: without one the connection would die within the hour. */
export const firstGrant = (issued: IssuedTokens, now: Date): E.Either<OAuthFailed, GrantedTokens> =>
  issued.refreshToken === null
    ? E.left(oauthFailed('authorization-failed', 'The grant carries no refresh token: offline access must be granted'))
    : E.right({ accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: expiryOf(issued, now), scopes: issued.scopes });

/** A refresh answer without a refresh token leaves the current one in use. */
export const refreshedGrant = (issued: IssuedTokens, current: string, now: Date): GrantedTokens => ({
  accessToken: issued.accessToken,
  refreshToken: issued.refreshToken ?? current,
  expiresAt: expiryOf(issued, now),
  scopes: issued.scopes,
});
