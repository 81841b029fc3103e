import { isSchedulePaused, WEBHOOK_SECRET_FIELD, type AuthorizationStatus, type Connection, type SyncState } from './connection.js';
import type { FieldMappings } from './field-mappings.js';
import type { ProviderName } from './provider.js';
import { isSecretField, secretFlagName, type ProviderDescription } from './provider-description.js';

/** Webhook activity: when the last authentic delivery came, how many were accepted and refused. */
export interface PublicWebhookState {
  readonly lastWebhookAt: Date | null;
  readonly accepted: number;
  readonly refused: number;
  /** Until when the secret replaced by the last rotation is still accepted; null when none is. */
  readonly previousSecretValidUntil: Date | null;
}

/** The schedule's view of a connection: when it syncs and sweeps next, and why it stopped, if it did. */
export interface PublicSchedule {
  readonly nextSyncAt: Date | null;
  readonly nextSweepAt: Date | null;
  readonly lastSweepAt: Date | null;
  /** Set while the schedule skips the connection (its credentials were refused); changing the connection resumes it. */
  readonly pausedReason: string | null;
}

/** What an OAuth connection was granted (with the provider's public details); the tokens never leave core. */
export interface PublicOAuthGrant {
  readonly scopes: ReadonlyArray<string>;
  readonly accessTokenExpiresAt: Date;
  readonly [detail: string]: unknown;
}

/**
 * The only shape of a connection that leaves core: it says which secrets are set, never what they
 * are. Besides the fields below, each non-secret field of the provider appears under its own name,
 * and each secret field `x` as `hasX`.
 */
export interface PublicConnection {
  readonly id: string;
  readonly provider: ProviderName;
  readonly name: string;
  readonly baseUrl: string;
  readonly site: string;
  readonly authType: string;
  readonly hasWebhookSecret: boolean;
  /** `reauthorization_required` when the provider refused the OAuth refresh token: sync stops until someone consents again. */
  readonly authorizationStatus: AuthorizationStatus;
  /** Only for OAuth connections. */
  readonly oauth: PublicOAuthGrant | null;
  readonly mappings: FieldMappings;
  /** The projects its syncs are limited to; empty, every project the account can see. */
  readonly projectScope: ReadonlyArray<string>;
  readonly pollingEnabled: boolean;
  readonly syncIntervalSeconds: number;
  readonly writeConflictPolicy: string;
  readonly enabled: boolean;
  readonly syncState: SyncState;
  readonly schedule: PublicSchedule;
  readonly webhooks: PublicWebhookState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly [providerField: string]: unknown;
}

/** The provider's fields: settings as they are, secrets as whether they are set. */
const providerFields = (c: Connection, description: ProviderDescription): Record<string, unknown> =>
  Object.fromEntries(
    description.fields
      .filter((field) => field.name !== 'baseUrl' && field.name !== WEBHOOK_SECRET_FIELD)
      .map((field) =>
        isSecretField(field) ? [secretFlagName(field.name), c.credentials.secrets[field.name] !== undefined] : [field.name, c.settings[field.name] ?? null],
      ),
  );

export const toPublicConnection =
  (description: ProviderDescription) =>
  (c: Connection): PublicConnection => {
    const grant = c.credentials.oauth;
    return {
      ...providerFields(c, description),
      id: c.id,
      provider: c.provider,
      name: c.name,
      baseUrl: c.baseUrl,
      site: c.site,
      authType: c.credentials.authMode,
      hasWebhookSecret: c.webhookSecret !== null,
      authorizationStatus: grant?.status ?? 'active',
      oauth: grant === null ? null : { ...grant.details, scopes: grant.scopes, accessTokenExpiresAt: grant.expiresAt },
      mappings: c.mappings,
      projectScope: c.projectScope,
      pollingEnabled: c.pollingEnabled,
      syncIntervalSeconds: c.syncIntervalSeconds,
      writeConflictPolicy: c.writeConflictPolicy,
      enabled: c.enabled,
      syncState: c.syncState,
      schedule: {
        nextSyncAt: c.schedule.nextSyncAt,
        nextSweepAt: c.schedule.nextSweepAt,
        lastSweepAt: c.schedule.lastSweepAt,
        pausedReason: isSchedulePaused(c) ? c.schedule.pausedReason : null,
      },
      webhooks: { ...c.webhookStats, previousSecretValidUntil: c.previousWebhookSecret?.validUntil ?? null },
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  };
