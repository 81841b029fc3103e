import { randomBytes } from 'node:crypto';
import * as TE from 'fp-ts/lib/TaskEither.js';
import * as E from 'fp-ts/lib/Either.js';
import type { AccessibleSite, IssuedTokens, OAuthGrantRejected, OAuthProfile, OAuthProviderError } from '../../core/index.js';

export interface MemoryOAuthProvider extends OAuthProfile {
  /** What the consent page does when the person agrees: a code for `redirectUri`. */
  readonly consent: (redirectUri: string) => string;
  readonly setSites: (sites: ReadonlyArray<AccessibleSite>) => void;
  /** Refresh requests received, refused ones included. */
  readonly refreshCount: () => number;
  /** The next refresh fails with `error` without spending its refresh token, as when the server is unreachable. */
  readonly failNextRefresh: (error: OAuthProviderError) => void;
}

const invalidGrant = (description: string): OAuthGrantRejected => ({ _tag: 'OAuthGrantRejected', error: 'invalid_grant', description });
const token = (kind: string) => `${kind}-${randomBytes(12).toString('hex')}`;

export const MEMORY_OAUTH_SITE: AccessibleSite = {
  id: '11111111-2222-4333-8444-555555555555',
  name: 'acme',
  url: 'https://acme.tracker.test',
  scopes: ['read:work', 'write:work'],
};

/** An authorization server in memory: single-use codes, rotating refresh tokens (a spent one is `invalid_grant`), one-hour access tokens. */
export const memoryOAuthProvider = (redirectUris: ReadonlyArray<string> = ['https://app.example.test/oauth/callback']): MemoryOAuthProvider => {
  const codes = new Map<string, string>();
  const liveRefreshTokens = new Set<string>();
  let sites: ReadonlyArray<AccessibleSite> = [MEMORY_OAUTH_SITE];
  let refreshes = 0;
  let nextRefreshFailure: OAuthProviderError | null = null;
  const issue = (): IssuedTokens => {
    const refreshToken = token('rt');
    liveRefreshTokens.add(refreshToken);
    return { accessToken: token('at'), refreshToken, expiresInSeconds: 3600, scopes: ['read:work', 'offline_access'] };
  };
  return {
    consent: (redirectUri) => {
      const code = token('code');
      codes.set(code, redirectUri);
      return code;
    },
    setSites: (next) => {
      sites = next;
    },
    refreshCount: () => refreshes,
    failNextRefresh: (error) => {
      nextRefreshFailure = error;
    },
    redirectUris,
    startFields: [],
    decodeStart: (body) =>
      Object.keys(body).length === 0
        ? E.right({ baseUrl: null, settings: {}, secrets: {} })
        : E.left(Object.keys(body).map((path) => ({ path, message: 'is not an allowed field' }))),
    siteIdField: 'siteId',
    authorizationUrl: (state, redirectUri) => `https://auth.example.test/authorize?${new URLSearchParams({ state, redirect_uri: redirectUri })}`,
    exchangeCode: (code, redirectUri) => {
      const expected = codes.get(code);
      codes.delete(code);
      return expected === redirectUri ? TE.right(issue()) : TE.left(invalidGrant('Invalid authorization code'));
    },
    refresh: (refreshToken) => {
      refreshes += 1;
      const failure = nextRefreshFailure;
      nextRefreshFailure = null;
      if (failure !== null) return TE.left(failure);
      if (!liveRefreshTokens.delete(refreshToken)) return TE.left(invalidGrant('Unknown or invalid refresh token.'));
      return TE.right(issue());
    },
    sites: () => TE.right(sites),
  };
};
