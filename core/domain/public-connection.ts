import type { AuthorizationStatus, Connection, SyncState } from './connection.js';
import type { FieldMappings } from './field-mappings.js';
import type { Provider } from './provider.js';

/** Webhook activity: when the last authentic delivery came, how many were accepted and refused. */
export interface PublicWebhookState {
  readonly lastWebhookAt: Date | null;
  readonly accepted: number;
  readonly refused: number;
  /** Until when the secret replaced by the last rotation is still accepted; null when none is. */
  readonly previousSecretValidUntil: Date | null;
}

/** What an OAuth connection was granted; the tokens themselves never leave core. */
export interface PublicOAuthGrant {
  readonly cloudId: string;
  readonly scopes: ReadonlyArray<string>;
  readonly accessTokenExpiresAt: Date;
}

/** The only shape of a connection that leaves core: it says which secrets are set, never what they are. */
export interface PublicConnection {
  readonly id: string;
  readonly provider: Provider;
  readonly name: string;
  readonly baseUrl: string;
  readonly authType: Connection['credentials']['kind'];
  readonly email: string | null;
  readonly hasApiToken: boolean;
  readonly hasWebhookSecret: boolean;
  /** `reauthorization_required` when the provider refused the OAuth refresh token: sync stops until someone consents again. */
  readonly authorizationStatus: AuthorizationStatus;
  /** Only for `authType: oauth2`. */
  readonly oauth: PublicOAuthGrant | null;
  readonly mappings: FieldMappings;
  readonly jqlFilter: string | null;
  readonly pollingEnabled: boolean;
  readonly enabled: boolean;
  readonly syncState: SyncState;
  readonly webhooks: PublicWebhookState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const toPublicConnection = (c: Connection): PublicConnection => ({
  id: c.id,
  provider: c.provider,
  name: c.name,
  baseUrl: c.baseUrl,
  authType: c.credentials.kind,
  email: c.credentials.kind === 'api-token' ? c.credentials.email : null,
  hasApiToken: c.credentials.kind === 'api-token' && c.credentials.apiToken.length > 0,
  hasWebhookSecret: c.webhookSecret !== null,
  authorizationStatus: c.credentials.kind === 'oauth2' ? c.credentials.status : 'active',
  oauth:
    c.credentials.kind === 'oauth2'
      ? { cloudId: c.credentials.cloudId, scopes: c.credentials.scopes, accessTokenExpiresAt: c.credentials.expiresAt }
      : null,
  mappings: c.mappings,
  jqlFilter: c.queryFilter,
  pollingEnabled: c.pollingEnabled,
  enabled: c.enabled,
  syncState: c.syncState,
  webhooks: { ...c.webhookStats, previousSecretValidUntil: c.previousWebhookSecret?.validUntil ?? null },
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
