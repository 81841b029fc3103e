import { EntitySchema } from '@mikro-orm/postgresql';

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;
const index = (name: string, expression: string) => ({ name, expression: `create index ${name} on ${expression}` });

/** A row of `event_endpoints`: an organization's outbound webhook endpoint. */
export interface EventEndpointRecord {
  id: string;
  organizationId: string;
  url: string;
  description: string | null;
  eventTypes: unknown;
  enabled: boolean;
  signingSecret: string;
  previousSigningSecret: string | null;
  previousSecretValidUntil: Date | null;
  failingSince: Date | null;
  disabledReason: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const EventEndpointSchema = new EntitySchema<EventEndpointRecord>({
  name: 'EventEndpointRecord',
  tableName: 'event_endpoints',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'text' },
    url: { type: 'text' },
    description: { type: 'text', nullable: true },
    eventTypes: { type: 'json', columnType: 'jsonb' },
    enabled: { type: 'boolean' },
    signingSecret: { type: 'text' },
    previousSigningSecret: { type: 'text', nullable: true },
    previousSecretValidUntil: { ...timestamp, nullable: true },
    failingSince: { ...timestamp, nullable: true },
    disabledReason: { type: 'text', nullable: true },
    disabledAt: { ...timestamp, nullable: true },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
  indexes: [index('event_endpoints_org_idx', 'event_endpoints (organization_id, created_at)')],
});

/** A row of `event_deliveries`: one published event for one endpoint. */
export interface EventDeliveryRecord {
  id: string;
  organizationId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  position: string;
  orderKey: string;
  body: string;
  status: string;
  attempts: number;
  recentAttempts: unknown;
  nextAttemptAt: Date | null;
  firstAttemptAt: Date | null;
  leaseUntil: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export const EventDeliverySchema = new EntitySchema<EventDeliveryRecord>({
  name: 'EventDeliveryRecord',
  tableName: 'event_deliveries',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'text' },
    endpointId: { type: 'uuid' },
    eventId: { type: 'uuid' },
    eventType: { type: 'text' },
    position: { type: 'bigint' },
    orderKey: { type: 'text' },
    body: { type: 'text' },
    status: { enum: true, items: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'integer', default: 0 },
    recentAttempts: { type: 'json', columnType: 'jsonb' },
    nextAttemptAt: { ...timestamp, nullable: true },
    firstAttemptAt: { ...timestamp, nullable: true },
    leaseUntil: { ...timestamp, nullable: true },
    deliveredAt: { ...timestamp, nullable: true },
    createdAt: timestamp,
  },
  uniques: [{ name: 'event_deliveries_endpoint_event_unique', properties: ['endpointId', 'eventId'] }],
  indexes: [
    index('event_deliveries_due_idx', "event_deliveries (next_attempt_at, position) where status = 'pending'"),
    index('event_deliveries_chain_idx', "event_deliveries (endpoint_id, order_key, position) where status = 'pending'"),
    index('event_deliveries_endpoint_idx', 'event_deliveries (endpoint_id, id)'),
  ],
});
