import { BigIntType, EntitySchema } from '@mikro-orm/postgresql';
import type { ProviderName, SyncStatus } from '../../../core/index.js';
import { providerColumn, syncStatusColumn, writeConflictPolicyColumn } from './enum-columns.js';

/**
 * A row of `integration_connections`. The provider's settings, the encrypted secrets, the OAuth grant
 * and the mappings are JSON, decoded on read; the grant has a column of its own so an edit never
 * writes it.
 */
export interface ConnectionRecord {
  id: string;
  organizationId: string;
  provider: ProviderName;
  name: string;
  baseUrl: string;
  site: string;
  settings: unknown;
  authMode: string;
  secrets: unknown;
  oauthGrant: unknown;
  webhookSecret: string | null;
  previousWebhookSecret: string | null;
  previousWebhookSecretValidUntil: Date | null;
  mappings: unknown;
  projectScope: unknown;
  pollingEnabled: boolean;
  syncIntervalSeconds: number;
  writeConflictPolicy: string;
  enabled: boolean;
  syncCursor: string | null;
  lastSyncAt: Date | null;
  lastSyncStatus: SyncStatus;
  lastSyncError: string | null;
  nextSyncAt: Date | null;
  nextSweepAt: Date | null;
  lastSweepAt: Date | null;
  syncPausedAt: Date | null;
  syncPausedReason: string | null;
  lastWebhookAt: Date | null;
  webhooksAccepted: number;
  webhooksRefused: number;
  createdAt: Date;
  updatedAt: Date;
}

export const CONNECTION_TARGET_UNIQUE = 'integration_connections_org_provider_site_unique';

export const ConnectionSchema = new EntitySchema<ConnectionRecord>({
  name: 'ConnectionRecord',
  tableName: 'integration_connections',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'text' },
    provider: providerColumn,
    name: { type: 'text' },
    baseUrl: { type: 'text' },
    site: { type: 'text' },
    settings: { type: 'json', columnType: 'jsonb' },
    authMode: { type: 'text' },
    secrets: { type: 'json', columnType: 'jsonb' },
    oauthGrant: { type: 'json', columnType: 'jsonb', nullable: true },
    webhookSecret: { type: 'text', nullable: true },
    previousWebhookSecret: { type: 'text', nullable: true },
    previousWebhookSecretValidUntil: { type: 'Date', columnType: 'timestamptz', nullable: true },
    mappings: { type: 'json', columnType: 'jsonb' },
    projectScope: { type: 'json', columnType: 'jsonb', default: "'[]'" },
    pollingEnabled: { type: 'boolean' },
    syncIntervalSeconds: { type: 'integer', default: 300 },
    writeConflictPolicy: writeConflictPolicyColumn,
    enabled: { type: 'boolean' },
    syncCursor: { type: 'text', nullable: true },
    lastSyncAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    lastSyncStatus: syncStatusColumn,
    lastSyncError: { type: 'text', nullable: true },
    nextSyncAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    nextSweepAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    lastSweepAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    syncPausedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    syncPausedReason: { type: 'text', nullable: true },
    lastWebhookAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    webhooksAccepted: { type: new BigIntType('number'), default: 0 },
    webhooksRefused: { type: new BigIntType('number'), default: 0 },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
  uniques: [{ name: CONNECTION_TARGET_UNIQUE, properties: ['organizationId', 'provider', 'site'] }],
  indexes: [
    {
      name: 'integration_connections_schedule_idx',
      expression: 'create index integration_connections_schedule_idx on integration_connections (next_sync_at, next_sweep_at) where enabled and polling_enabled',
    },
  ],
});
