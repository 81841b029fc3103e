import type { Ciphertext, Connection } from './connection.js';
import type { EntityId, OrganizationId } from './ids.js';
import type { Provider } from './provider.js';

/** How long an authorization may take, from `start` to the callback. */
export const OAUTH_STATE_TTL_MS = 5 * 60_000;
/** How long a person has to pick a site when the grant reaches several. */
export const SITE_SELECTION_TTL_MS = 10 * 60_000;
/** An access token this close to its expiry is refreshed before it is used. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** Who started an authorization, remembered under its `state` until the callback (or expiry). */
export interface OAuthStateBinding {
  readonly organizationId: OrganizationId;
  /** The `sub` of the token that started it. */
  readonly subject: string;
  readonly provider: Provider;
  readonly redirectUri: string;
  readonly expiresAt: Date;
}

/** A site a grant reaches, as the provider lists it; `cloudId` addresses it through the API gateway. */
export interface AccessibleSite {
  readonly cloudId: string;
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
  readonly provider: Provider;
  readonly sites: ReadonlyArray<AccessibleSite>;
  readonly tokens: EncryptedTokens;
  readonly validUntil: Date;
  readonly createdAt: Date;
}

/** The same product can be listed once per site and product (Jira, Confluence): keep Jira's, once each. */
export const jiraSites = (sites: ReadonlyArray<AccessibleSite>): ReadonlyArray<AccessibleSite> =>
  sites
    .filter((site) => site.scopes.some((scope) => scope.includes('jira')))
    .filter((site, index, all) => all.findIndex((other) => other.cloudId === site.cloudId) === index);

/** Whether the connection's access token must be refreshed before it is used at `now`. */
export const needsRefresh = (connection: Connection, now: Date): boolean =>
  connection.credentials.kind === 'oauth2' && connection.credentials.expiresAt.getTime() - now.getTime() <= REFRESH_MARGIN_MS;

/** Associated data of the tokens of a pending selection: they decrypt nowhere else, not even in a connection. */
export const selectionSecretContext = (organizationId: OrganizationId, selectionId: EntityId, field: 'oauthAccessToken' | 'oauthRefreshToken'): string =>
  `taskport:${organizationId}:site-selection:${selectionId}:${field}`;
