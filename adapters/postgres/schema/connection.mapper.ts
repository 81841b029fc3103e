import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { asEntityId, asOrganizationId, type Ciphertext, type Connection, type PersistenceFailure } from '../../../core/index.js';
import type { ConnectionRecord } from './connection.schema.js';
import { decodeMappings, decodeOAuthGrant, decodeProjectScope, decodeSecrets, decodeSettings } from './json-columns.js';

export const toConnectionRecord = (c: Connection): ConnectionRecord => ({
  id: c.id,
  organizationId: c.organizationId,
  provider: c.provider,
  name: c.name,
  baseUrl: c.baseUrl,
  site: c.site,
  settings: c.settings,
  authMode: c.credentials.authMode,
  secrets: c.credentials.secrets,
  oauthGrant: c.credentials.oauth,
  webhookSecret: c.webhookSecret,
  previousWebhookSecret: c.previousWebhookSecret?.secret ?? null,
  previousWebhookSecretValidUntil: c.previousWebhookSecret?.validUntil ?? null,
  mappings: c.mappings,
  projectScope: c.projectScope,
  pollingEnabled: c.pollingEnabled,
  syncIntervalSeconds: c.syncIntervalSeconds,
  writeConflictPolicy: c.writeConflictPolicy,
  enabled: c.enabled,
  syncCursor: c.syncState.cursor,
  lastSyncAt: c.syncState.lastSyncAt,
  lastSyncStatus: c.syncState.lastSyncStatus,
  lastSyncError: c.syncState.lastSyncError,
  nextSyncAt: c.schedule.nextSyncAt,
  nextSweepAt: c.schedule.nextSweepAt,
  lastSweepAt: c.schedule.lastSweepAt,
  syncPausedAt: c.schedule.pausedAt,
  syncPausedReason: c.schedule.pausedReason,
  lastWebhookAt: c.webhookStats.lastWebhookAt,
  webhooksAccepted: c.webhookStats.accepted,
  webhooksRefused: c.webhookStats.refused,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const toConnection = (r: ConnectionRecord): E.Either<PersistenceFailure, Connection> =>
  pipe(
    E.Do,
    E.apS('settings', decodeSettings(r.settings)),
    E.apS('secrets', decodeSecrets(r.secrets)),
    E.apS('oauth', decodeOAuthGrant(r.oauthGrant)),
    E.apS('mappings', decodeMappings(r.mappings)),
    E.apS('projectScope', decodeProjectScope(r.projectScope)),
    E.map(({ settings, secrets, oauth, mappings, projectScope }) => ({
      id: asEntityId(r.id),
      organizationId: asOrganizationId(r.organizationId),
      provider: r.provider,
      name: r.name,
      baseUrl: r.baseUrl,
      site: r.site,
      settings,
      credentials: { authMode: r.authMode, secrets, oauth },
      webhookSecret: r.webhookSecret as Ciphertext | null,
      previousWebhookSecret:
        r.previousWebhookSecret === null || r.previousWebhookSecretValidUntil === null
          ? null
          : { secret: r.previousWebhookSecret as Ciphertext, validUntil: r.previousWebhookSecretValidUntil },
      mappings,
      projectScope,
      pollingEnabled: r.pollingEnabled,
      syncIntervalSeconds: r.syncIntervalSeconds,
      writeConflictPolicy: r.writeConflictPolicy === 'product-wins' ? 'product-wins' : 'tracker-wins',
      enabled: r.enabled,
      syncState: { cursor: r.syncCursor, lastSyncAt: r.lastSyncAt, lastSyncStatus: r.lastSyncStatus, lastSyncError: r.lastSyncError },
      schedule: { nextSyncAt: r.nextSyncAt, nextSweepAt: r.nextSweepAt, lastSweepAt: r.lastSweepAt, pausedAt: r.syncPausedAt, pausedReason: r.syncPausedReason },
      webhookStats: { lastWebhookAt: r.lastWebhookAt, accepted: Number(r.webhooksAccepted), refused: Number(r.webhooksRefused) },
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    })),
  );
