import type { ConnectionId, OrganizationId } from './ids.js';
import type { ProviderName, ProviderSettings } from './provider.js';
import type { FieldMappings } from './field-mappings.js';
import type { WriteConflictPolicy } from './write.js';

/** Opaque output of the Cipher port; never shown to anyone outside core. */
export type Ciphertext = string & { readonly Ciphertext: unique symbol };

export type AuthorizationStatus = 'active' | 'reauthorization_required';

/**
 * An OAuth 2.0 grant. The tokens change only through a refresh, which stores the new grant at once
 * (`ConnectionRepository.storeOAuthGrant`), or through a new consent.
 */
export interface OAuthGrant {
  readonly accessToken: Ciphertext;
  readonly refreshToken: Ciphertext;
  /** When the access token expires. */
  readonly expiresAt: Date;
  readonly scopes: ReadonlyArray<string>;
  /** `reauthorization_required` once the provider refused the refresh token: a person must consent again. */
  readonly status: AuthorizationStatus;
  /** What the provider said about the grant (such as which site it reaches); public, never a secret. */
  readonly details: Readonly<Record<string, string>>;
}

/**
 * How a connection authenticates: the provider's auth mode, the secrets its fields name (encrypted,
 * each bound to its field) and, for OAuth, the grant.
 */
export interface StoredCredentials {
  readonly authMode: string;
  readonly secrets: Readonly<Record<string, Ciphertext>>;
  readonly oauth: OAuthGrant | null;
}

export type SyncStatus = 'never' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

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

/** A connection is synced by the schedule at most this often unless the server lowers the floor (development only). */
export const DEFAULT_SYNC_INTERVAL_SECONDS = 300;
export const SYNC_INTERVAL_FLOOR_SECONDS = 60;

/**
 * When the schedule next looks at a connection, and whether it stopped: a tracker that refuses the
 * credentials pauses the schedule until the connection is changed (new credentials, a new grant),
 * so a revoked token is not retried every few minutes.
 */
export interface SyncSchedule {
  readonly nextSyncAt: Date | null;
  readonly nextSweepAt: Date | null;
  readonly lastSweepAt: Date | null;
  readonly pausedAt: Date | null;
  readonly pausedReason: string | null;
}

export const initialSchedule: SyncSchedule = { nextSyncAt: null, nextSweepAt: null, lastSweepAt: null, pausedAt: null, pausedReason: null };

/** A pause lasts until the connection is changed after it. */
export const isSchedulePaused = (connection: Pick<Connection, 'schedule' | 'updatedAt'>): boolean =>
  connection.schedule.pausedAt !== null && connection.schedule.pausedAt.getTime() >= connection.updatedAt.getTime();

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

/**
 * An organization's link to one tracker instance. Core reads only what every provider has; the
 * provider's own settings are opaque here and read by its adapter alone.
 */
export interface Connection {
  readonly id: ConnectionId;
  readonly organizationId: OrganizationId;
  readonly provider: ProviderName;
  readonly name: string;
  readonly baseUrl: string;
  /** The tracker instance, as its provider identifies it: tasks are keyed by it, so a reconnection resumes them. */
  readonly site: string;
  readonly settings: ProviderSettings;
  readonly credentials: StoredCredentials;
  readonly webhookSecret: Ciphertext | null;
  readonly previousWebhookSecret: PreviousWebhookSecret | null;
  readonly mappings: FieldMappings;
  /**
   * The projects (by the tracker's key) its syncs and webhooks are limited to; empty, every project
   * the account can see. Separate from the project mappings, which only translate keys.
   */
  readonly projectScope: ReadonlyArray<string>;
  readonly pollingEnabled: boolean;
  /** How often the schedule syncs it while polling is on (at least the server's floor). */
  readonly syncIntervalSeconds: number;
  readonly enabled: boolean;
  /** How a write to a field the tracker changed since the product read it is settled. */
  readonly writeConflictPolicy: WriteConflictPolicy;
  readonly syncState: SyncState;
  readonly schedule: SyncSchedule;
  readonly webhookStats: WebhookStats;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Which secret of a connection a ciphertext is: a provider's field name, or one of core's own. */
export type SecretField = string;

export const WEBHOOK_SECRET_FIELD = 'webhookSecret';
export const OAUTH_ACCESS_TOKEN_FIELD = 'oauthAccessToken';
export const OAUTH_REFRESH_TOKEN_FIELD = 'oauthRefreshToken';

export const secretContext = (organizationId: OrganizationId, connectionId: ConnectionId, field: SecretField): string =>
  `taskport:${organizationId}:${connectionId}:${field}`;
