import type { Ciphertext, OAuthGrant } from './connection.js';
import type { EntityId, OrganizationId } from './ids.js';
import type { ProviderName, ProviderSettings } from './provider.js';

/** How long an authorization may take, from `start` to the callback. */
export const OAUTH_STATE_TTL_MS = 5 * 60_000;
/** How long a person has to pick a site when the grant reaches several. */
export const SITE_SELECTION_TTL_MS = 10 * 60_000;
/** An access token this close to its expiry is refreshed before it is used. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The OAuth client an authorization uses when it belongs to the tracker instance rather than to
 * taskport's configuration: the instance and the client's settings, its secrets encrypted for this
 * pending authorization alone (see `pendingClientSecretContext`). Empty for a configured client.
 */
export interface PendingOAuthClient {
  readonly id: EntityId;
  readonly baseUrl: string | null;
  readonly settings: ProviderSettings;
  readonly secrets: Readonly<Record<string, Ciphertext>>;
}

/** Who started an authorization, remembered under its `state` until the callback (or expiry). */
export interface OAuthStateBinding {
  readonly organizationId: OrganizationId;
  /** The `sub` of the token that started it. */
  readonly subject: string;
  readonly provider: ProviderName;
  readonly redirectUri: string;
  readonly client: PendingOAuthClient;
  readonly expiresAt: Date;
}

/** A site a grant reaches, as the provider lists it; `id` addresses it (and becomes the grant's details). */
export interface AccessibleSite {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly scopes: ReadonlyArray<string>;
}

/** Tokens at rest: encrypted, with when the access token expires. */
export interface EncryptedTokens {
  readonly accessToken: Ciphertext;
  readonly refreshToken: Ciphertext;
  readonly expiresAt: Date;
  readonly scopes: ReadonlyArray<string>;
}

/** A grant that reaches several sites, waiting for a person of the organization to pick one. */
export interface PendingSiteSelection {
  readonly id: EntityId;
  readonly organizationId: OrganizationId;
  readonly subject: string;
  readonly provider: ProviderName;
  readonly sites: ReadonlyArray<AccessibleSite>;
  readonly tokens: EncryptedTokens;
  readonly client: PendingOAuthClient;
  readonly validUntil: Date;
  readonly createdAt: Date;
}

/** Whether a grant's access token must be refreshed before it is used at `now`. */
export const grantNeedsRefresh = (grant: OAuthGrant, now: Date): boolean => grant.expiresAt.getTime() - now.getTime() <= REFRESH_MARGIN_MS;

/** Associated data of the tokens of a pending selection: they decrypt nowhere else, not even in a connection. */
export const selectionSecretContext = (organizationId: OrganizationId, selectionId: EntityId, field: 'oauthAccessToken' | 'oauthRefreshToken'): string =>
  `taskport:${organizationId}:site-selection:${selectionId}:${field}`;

/** Associated data of a pending authorization's client secrets. */
export const pendingClientSecretContext = (organizationId: OrganizationId, clientId: EntityId, field: string): string =>
  `taskport:${organizationId}:oauth-client:${clientId}:${field}`;
