import { randomBytes } from 'node:crypto';
import type { SimulatorAccount } from './accounts.js';
import { defaultOAuthSettings, type OAuthSettings } from './oauth-settings.js';

/** What a consent granted: who, to which sites, with which scopes. */
export interface Grant {
  readonly account: SimulatorAccount;
  readonly clientId: string;
  readonly cloudIds: ReadonlyArray<string>;
  readonly scope: string;
}

export interface TokenRequestCounts {
  readonly authorizationCode: number;
  readonly refreshToken: number;
}

/** The OAuth side of the simulator, driven from tests through the simulator handle. */
export interface OAuthControl {
  readonly settings: () => OAuthSettings;
  readonly set: (changes: Partial<OAuthSettings>) => OAuthSettings;
  /** Token endpoint requests received by grant type, refused ones included. */
  readonly tokenRequests: () => TokenRequestCounts;
  /** Every token issued so far stops working, as when the person revokes the app's access. */
  readonly revokeAll: () => void;
}

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresIn: number;
}

export interface OAuthServer extends OAuthControl {
  readonly issueCode: (grant: Grant, redirectUri: string) => string;
  /** Spends a code (single use, ten minutes): the grant, or undefined. */
  readonly redeemCode: (code: string, clientId: string, redirectUri: string) => Grant | undefined;
  /**
   * Spends a refresh token. Rotation is strict: a refresh token works once, and Atlassian's
   * ten-minute reuse leeway is deliberately not modelled, so a client that reuses one is caught.
   */
  readonly redeemRefreshToken: (refreshToken: string, clientId: string) => Grant | undefined;
  readonly issueTokens: (grant: Grant) => TokenPair;
  /** The grant of a live access token. */
  readonly grantOf: (accessToken: string) => Grant | undefined;
  readonly countTokenRequest: (grantType: string) => void;
}

const CODE_TTL_MS = 10 * 60_000;
const token = (prefix: string) => `${prefix}-${randomBytes(24).toString('base64url')}`;

export const oauthServer = (now: () => number, initial: Partial<OAuthSettings> = {}): OAuthServer => {
  let settings = defaultOAuthSettings(initial);
  const codes = new Map<string, { grant: Grant; redirectUri: string; expiresAt: number }>();
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  const refreshTokens = new Map<string, Grant>();
  let counts: TokenRequestCounts = { authorizationCode: 0, refreshToken: 0 };
  return {
    settings: () => settings,
    set: (changes) => (settings = { ...settings, ...changes }),
    tokenRequests: () => counts,
    revokeAll: () => {
      codes.clear();
      accessTokens.clear();
      refreshTokens.clear();
    },
    countTokenRequest: (grantType) => {
      if (grantType === 'authorization_code') counts = { ...counts, authorizationCode: counts.authorizationCode + 1 };
      if (grantType === 'refresh_token') counts = { ...counts, refreshToken: counts.refreshToken + 1 };
    },
    issueCode: (grant, redirectUri) => {
      const code = token('sim-code');
      codes.set(code, { grant, redirectUri, expiresAt: now() + CODE_TTL_MS });
      return code;
    },
    redeemCode: (code, clientId, redirectUri) => {
      const issued = codes.get(code);
      codes.delete(code);
      const valid = issued !== undefined && issued.expiresAt > now() && issued.grant.clientId === clientId && issued.redirectUri === redirectUri;
      return valid ? issued.grant : undefined;
    },
    redeemRefreshToken: (refreshToken, clientId) => {
      const grant = refreshTokens.get(refreshToken);
      refreshTokens.delete(refreshToken);
      return grant !== undefined && grant.clientId === clientId ? grant : undefined;
    },
    issueTokens: (grant) => {
      const accessToken = token('sim-at');
      const expiresIn = settings.accessTokenTtlSeconds;
      accessTokens.set(accessToken, { grant, expiresAt: now() + expiresIn * 1000 });
      // Atlassian returns a refresh token only when offline_access was granted.
      const refreshToken = grant.scope.split(' ').includes('offline_access') ? token('sim-rt') : null;
      if (refreshToken !== null) refreshTokens.set(refreshToken, grant);
      return { accessToken, refreshToken, expiresIn };
    },
    grantOf: (accessToken) => {
      const issued = accessTokens.get(accessToken);
      return issued !== undefined && issued.expiresAt > now() ? issued.grant : undefined;
    },
  };
};
