import { EntitySchema } from '@mikro-orm/postgresql';

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;
const index = (name: string, expression: string) => ({ name, expression: `create index ${name} on ${expression}` });

/** A row of `outbox_events`: an event written with its change, positioned in the feed once published. */
export interface OutboxEventRecord {
  seq: string;
  id: string;
  organizationId: string;
  type: string;
  occurredAt: Date;
  cause: string;
  taskId: string | null;
  connectionId: string | null;
  data: unknown;
  position: string | null;
}

export const OutboxEventSchema = new EntitySchema<OutboxEventRecord>({
  name: 'OutboxEventRecord',
  tableName: 'outbox_events',
  properties: {
    seq: { type: 'bigint', primary: true, autoincrement: true },
    id: { type: 'uuid' },
    organizationId: { type: 'text' },
    type: { type: 'text' },
    occurredAt: timestamp,
    cause: { enum: true, items: ['sync', 'webhook', 'write', 'mapping'] },
    taskId: { type: 'uuid', nullable: true },
    connectionId: { type: 'uuid', nullable: true },
    data: { type: 'json', columnType: 'jsonb' },
    position: { type: 'bigint', nullable: true },
  },
  uniques: [
    { name: 'outbox_events_id_unique', properties: ['id'] },
    { name: 'outbox_events_position_unique', properties: ['position'] },
  ],
  indexes: [
    index('outbox_events_pending_idx', 'outbox_events (seq) where position is null'),
    index('outbox_events_feed_idx', 'outbox_events (organization_id, position) where position is not null'),
    index('outbox_events_occurred_idx', 'outbox_events (occurred_at) where position is not null'),
  ],
});

/** The one row holding the feed's last position: locking it makes publishers take turns. */
export interface EventFeedHeadRecord {
  name: string;
  position: string;
}

export const EventFeedHeadSchema = new EntitySchema<EventFeedHeadRecord>({
  name: 'EventFeedHeadRecord',
  tableName: 'event_feed_head',
  properties: {
    name: { type: 'text', primary: true },
    position: { type: 'bigint' },
  },
});

/** A row of `event_subscriptions`: an in-process subscriber's cursor and lease. */
export interface EventSubscriptionRecord {
  name: string;
  position: string | null;
  holder: string | null;
  leaseUntil: Date | null;
  updatedAt: Date;
}

export const EventSubscriptionSchema = new EntitySchema<EventSubscriptionRecord>({
  name: 'EventSubscriptionRecord',
  tableName: 'event_subscriptions',
  properties: {
    name: { type: 'text', primary: true },
    position: { type: 'bigint', nullable: true },
    holder: { type: 'text', nullable: true },
    leaseUntil: { ...timestamp, nullable: true },
    updatedAt: timestamp,
  },
});
