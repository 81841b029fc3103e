import { randomBytes } from 'node:crypto';
import type { ServiceNowAccount } from './accounts.js';

export interface ServiceNowOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The OAuth client registered in the simulated instance (System OAuth, Application Registry). */
export const SIMULATOR_SERVICENOW_CLIENT: ServiceNowOAuthClient = { clientId: 'taskport-servicenow-client', clientSecret: 'taskport-servicenow-secret' };

export interface ServiceNowOAuthSettings {
  readonly clients: ReadonlyArray<ServiceNowOAuthClient>;
  /** What the person answers on the consent page. */
  readonly consent: 'approve' | 'deny';
  /** Access tokens live 30 minutes by default (answered as `expires_in: 1799`, as the instance does). */
  readonly accessTokenTtlSeconds: number;
  /** Refresh tokens live 100 days by default; they never rotate. */
  readonly refreshTokenTtlSeconds: number;
  /** Some releases answer a refresh with the same refresh token again; by default the answer has none. */
  readonly echoRefreshToken: boolean;
  /** Added before every answer of the token endpoint, so a test can make refreshes overlap. */
  readonly tokenLatencyMs: number;
}

export const defaultServiceNowOAuthSettings = (overrides: Partial<ServiceNowOAuthSettings> = {}): ServiceNowOAuthSettings => ({
  clients: [SIMULATOR_SERVICENOW_CLIENT],
  consent: 'approve',
  accessTokenTtlSeconds: 1800,
  refreshTokenTtlSeconds: 8_640_000,
  echoRefreshToken: false,
  tokenLatencyMs: 0,
  ...overrides,
});

export interface TokenRequestCounts {
  readonly authorizationCode: number;
  readonly refreshToken: number;
  readonly password: number;
}

/** The instance's OAuth side, driven from tests through the simulator handle. */
export interface ServiceNowOAuthControl {
  readonly settings: () => ServiceNowOAuthSettings;
  readonly set: (changes: Partial<ServiceNowOAuthSettings>) => ServiceNowOAuthSettings;
  readonly tokenRequests: () => TokenRequestCounts;
  /** Every token issued so far stops working, as when an admin revokes them (Manage Tokens). */
  readonly revokeAll: () => void;
}

interface Grant {
  readonly account: ServiceNowAccount;
  readonly clientId: string;
}

export interface ServiceNowOAuthServer extends ServiceNowOAuthControl {
  readonly client: (clientId: string | undefined, clientSecret?: string) => ServiceNowOAuthClient | undefined;
  readonly issueCode: (grant: Grant, redirectUri: string) => string;
  readonly redeemCode: (code: string, clientId: string, redirectUri: string) => Grant | undefined;
  /** A refresh token is not spent by use: it works until it expires or is revoked. */
  readonly refreshGrant: (refreshToken: string, clientId: string) => Grant | undefined;
  readonly issueAccessToken: (grant: Grant) => { readonly accessToken: string; readonly expiresIn: number };
  readonly issueRefreshToken: (grant: Grant) => string;
  readonly accountOf: (accessToken: string) => ServiceNowAccount | undefined;
  readonly count: (grantType: string) => void;
}

const CODE_TTL_MS = 10 * 60_000;
const token = (prefix: string) => `${prefix}-${randomBytes(24).toString('base64url')}`;

export const serviceNowOAuthServer = (now: () => number, initial: Partial<ServiceNowOAuthSettings> = {}): ServiceNowOAuthServer => {
  let settings = defaultServiceNowOAuthSettings(initial);
  const codes = new Map<string, { grant: Grant; redirectUri: string; expiresAt: number }>();
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  const refreshTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  let counts: TokenRequestCounts = { authorizationCode: 0, refreshToken: 0, password: 0 };
  return {
    settings: () => settings,
    set: (changes) => (settings = { ...settings, ...changes }),
    tokenRequests: () => counts,
    revokeAll: () => {
      codes.clear();
      accessTokens.clear();
      refreshTokens.clear();
    },
    count: (grantType) => {
      if (grantType === 'authorization_code') counts = { ...counts, authorizationCode: counts.authorizationCode + 1 };
      if (grantType === 'refresh_token') counts = { ...counts, refreshToken: counts.refreshToken + 1 };
      if (grantType === 'password') counts = { ...counts, password: counts.password + 1 };
    },
    client: (clientId, clientSecret) => settings.clients.find((c) => c.clientId === clientId && (clientSecret === undefined || c.clientSecret === clientSecret)),
    issueCode: (grant, redirectUri) => {
      const code = token('sn-code');
      codes.set(code, { grant, redirectUri, expiresAt: now() + CODE_TTL_MS });
      return code;
    },
    redeemCode: (code, clientId, redirectUri) => {
      const issued = codes.get(code);
      codes.delete(code);
      return issued !== undefined && issued.expiresAt > now() && issued.grant.clientId === clientId && issued.redirectUri === redirectUri ? issued.grant : undefined;
    },
    refreshGrant: (refreshToken, clientId) => {
      const issued = refreshTokens.get(refreshToken);
      return issued !== undefined && issued.expiresAt > now() && issued.grant.clientId === clientId ? issued.grant : undefined;
    },
    issueAccessToken: (grant) => {
      const accessToken = token('sn-at');
      accessTokens.set(accessToken, { grant, expiresAt: now() + settings.accessTokenTtlSeconds * 1000 });
      return { accessToken, expiresIn: settings.accessTokenTtlSeconds - 1 };
    },
    issueRefreshToken: (grant) => {
      const refreshToken = token('sn-rt');
      refreshTokens.set(refreshToken, { grant, expiresAt: now() + settings.refreshTokenTtlSeconds * 1000 });
      return refreshToken;
    },
    accountOf: (accessToken) => {
      const issued = accessTokens.get(accessToken);
      return issued !== undefined && issued.expiresAt > now() ? issued.grant.account : undefined;
    },
  };
};
