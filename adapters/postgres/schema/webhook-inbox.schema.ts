import { EntitySchema } from '@mikro-orm/postgresql';
import type { ProviderName } from '../../../core/index.js';
import { providerColumn } from './enum-columns.js';

/** A row of `webhook_inbox`: one recorded delivery, pending, leased, completed or dead-lettered. */
export interface WebhookInboxRecord {
  id: string;
  deliveryKey: string;
  organizationId: string;
  connectionId: string;
  provider: ProviderName;
  deliveryId: string;
  receivedAt: Date;
  body: Buffer | null;
  headers: Record<string, string> | null;
  attempts: number;
  leaseUntil: Date | null;
  completedAt: Date | null;
  /** Why the last try failed. */
  lastError: string | null;
  /** Set when its last try failed: it is no longer claimed until replayed. */
  deadLetteredAt: Date | null;
}

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;

export const WebhookInboxSchema = new EntitySchema<WebhookInboxRecord>({
  name: 'WebhookInboxRecord',
  tableName: 'webhook_inbox',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    deliveryKey: { type: 'text' },
    organizationId: { type: 'text' },
    connectionId: { type: 'uuid' },
    provider: providerColumn,
    deliveryId: { type: 'text' },
    receivedAt: timestamp,
    body: { type: 'blob', columnType: 'bytea', nullable: true },
    headers: { type: 'json', columnType: 'jsonb', nullable: true },
    attempts: { type: 'integer', default: 0 },
    leaseUntil: { ...timestamp, nullable: true },
    completedAt: { ...timestamp, nullable: true },
    lastError: { type: 'text', nullable: true },
    deadLetteredAt: { ...timestamp, nullable: true },
  },
  uniques: [{ name: 'webhook_inbox_org_delivery_key_unique', properties: ['organizationId', 'deliveryKey'] }],
  indexes: [
    {
      name: 'webhook_inbox_pending_idx',
      expression: 'create index webhook_inbox_pending_idx on webhook_inbox (id) where completed_at is null and dead_lettered_at is null',
    },
    {
      name: 'webhook_inbox_dead_letters_idx',
      expression:
        'create index webhook_inbox_dead_letters_idx on webhook_inbox (organization_id, connection_id, dead_lettered_at desc, id desc) where dead_lettered_at is not null',
    },
    { name: 'webhook_inbox_completed_idx', expression: 'create index webhook_inbox_completed_idx on webhook_inbox (completed_at) where completed_at is not null' },
  ],
});
