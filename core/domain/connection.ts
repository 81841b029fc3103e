import type { ConnectionId, OrganizationId } from './ids.js';
import type { Provider } from './provider.js';
import type { FieldMappings } from './field-mappings.js';

/** Opaque output of the Cipher port; never shown to anyone outside core. */
export type Ciphertext = string & { readonly Ciphertext: unique symbol };

export interface ApiTokenCredentials {
  readonly kind: 'api-token';
  readonly email: string;
  readonly apiToken: Ciphertext;
}

export type AuthorizationStatus = 'active' | 'reauthorization_required';

/**
 * An OAuth 2.0 (3LO) grant to one Atlassian site. The site URL is the connection's `baseUrl` (links
 * and uniqueness); calls go through the API gateway with `cloudId`. The tokens change only through
 * a refresh, which stores the rotated pair at once (`ConnectionRepository.storeOAuthCredentials`).
 */
export interface OAuth2Credentials {
  readonly kind: 'oauth2';
  readonly cloudId: string;
  readonly accessToken: Ciphertext;
  readonly refreshToken: Ciphertext;
  /** When the access token expires. */
  readonly expiresAt: Date;
  readonly scopes: ReadonlyArray<string>;
  /** `reauthorization_required` once the provider refused the refresh token: a person must consent again. */
  readonly status: AuthorizationStatus;
}

export type StoredCredentials = ApiTokenCredentials | OAuth2Credentials;

export type SyncStatus = 'never' | 'succeeded' | 'failed';

export interface SyncState {
  /** Provider-neutral watermark: the newest `updated` instant seen, as ISO-8601. */
  readonly cursor: string | null;
  readonly lastSyncAt: Date | null;
  readonly lastSyncStatus: SyncStatus;
  readonly lastSyncError: string | null;
}

export const initialSyncState: SyncState = {
  cursor: null,
  lastSyncAt: null,
  lastSyncStatus: 'never',
  lastSyncError: null,
};

/** The secret a rotation replaced: still accepted until `validUntil`, so deliveries signed in flight are not lost. */
export interface PreviousWebhookSecret {
  readonly secret: Ciphertext;
  readonly validUntil: Date;
}

/**
 * Deliveries answered for this connection. Recorded in batches, so they may lag the deliveries by
 * a moment; `refused` counts only deliveries to this (existing) connection.
 */
export interface WebhookStats {
  /** When the last authentic delivery arrived. */
  readonly lastWebhookAt: Date | null;
  readonly accepted: number;
  readonly refused: number;
}

export const noWebhookStats: WebhookStats = { lastWebhookAt: null, accepted: 0, refused: 0 };

export interface Connection {
  readonly id: ConnectionId;
  readonly organizationId: OrganizationId;
  readonly provider: Provider;
  readonly name: string;
  readonly baseUrl: string;
  readonly credentials: StoredCredentials;
  readonly webhookSecret: Ciphertext | null;
  readonly previousWebhookSecret: PreviousWebhookSecret | null;
  readonly mappings: FieldMappings;
  /** Provider query language filter (JQL for Jira) narrowing what is synced. */
  readonly queryFilter: string | null;
  readonly pollingEnabled: boolean;
  readonly enabled: boolean;
  readonly syncState: SyncState;
  readonly webhookStats: WebhookStats;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Which field of a connection a ciphertext belongs to; bound into the associated data. */
export type SecretField = 'apiToken' | 'webhookSecret' | 'oauthAccessToken' | 'oauthRefreshToken';

export const secretContext = (organizationId: OrganizationId, connectionId: ConnectionId, field: SecretField): string =>
  `taskport:${organizationId}:${connectionId}:${field}`;

/** Which field a context made by `secretContext` names, for adapters that treat fields differently. */
export const isSecretContextFor = (associatedData: string, field: SecretField): boolean => associatedData.endsWith(`:${field}`);
