import { Migration } from '@mikro-orm/migrations';

const outbox = `
create table outbox_events (
  seq bigserial primary key,
  id uuid not null,
  organization_id text not null,
  type text not null,
  occurred_at timestamptz not null,
  cause text not null check (cause in ('sync', 'webhook', 'write')),
  task_id uuid null,
  connection_id uuid null,
  data jsonb not null,
  position bigint null,
  constraint outbox_events_id_unique unique (id),
  constraint outbox_events_position_unique unique (position)
)`;

const feedHead = `
create table event_feed_head (
  name text primary key,
  position bigint not null
)`;

const endpoints = `
create table event_endpoints (
  id uuid primary key,
  organization_id text not null,
  url text not null,
  description text null,
  event_types jsonb not null,
  enabled boolean not null,
  signing_secret text not null,
  previous_signing_secret text null,
  previous_secret_valid_until timestamptz null,
  failing_since timestamptz null,
  disabled_reason text null,
  disabled_at timestamptz null,
  created_at timestamptz not null,
  updated_at timestamptz not null
)`;

const deliveries = `
create table event_deliveries (
  id uuid primary key,
  organization_id text not null,
  endpoint_id uuid not null,
  event_id uuid not null,
  event_type text not null,
  position bigint not null,
  order_key text not null,
  body text not null,
  status text not null check (status in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  recent_attempts jsonb not null,
  next_attempt_at timestamptz null,
  first_attempt_at timestamptz null,
  lease_until timestamptz null,
  delivered_at timestamptz null,
  created_at timestamptz not null,
  constraint event_deliveries_endpoint_event_unique unique (endpoint_id, event_id)
)`;

const subscriptions = `
create table event_subscriptions (
  name text primary key,
  position bigint null,
  holder text null,
  lease_until timestamptz null,
  updated_at timestamptz not null
)`;

const audit = `
create table audit_events (
  id uuid primary key,
  organization_id text not null,
  occurred_at timestamptz not null,
  actor text not null,
  action text not null,
  target_type text not null,
  target_id text not null,
  summary jsonb not null,
  request_id text null
)`;

// Whatever connects to the database, an audit entry can be added, never changed or removed.
const appendOnly = [
  `create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end
$$`,
  'create trigger audit_events_no_update before update or delete on audit_events for each row execute function audit_events_append_only()',
];

export const OUTBOX_INDEXES = [
  // Publishing walks the unpublished in insertion order; the feed reads an organization's by position.
  'create index outbox_events_pending_idx on outbox_events (seq) where position is null',
  'create index outbox_events_feed_idx on outbox_events (organization_id, position) where position is not null',
  'create index outbox_events_occurred_idx on outbox_events (occurred_at) where position is not null',
  'create index event_endpoints_org_idx on event_endpoints (organization_id, created_at)',
  // Claiming: the due pending ones, and for each whether an earlier one of its task is still pending.
  "create index event_deliveries_due_idx on event_deliveries (next_attempt_at, position) where status = 'pending'",
  "create index event_deliveries_chain_idx on event_deliveries (endpoint_id, order_key, position) where status = 'pending'",
  'create index event_deliveries_endpoint_idx on event_deliveries (endpoint_id, id)',
  'create index audit_events_list_idx on audit_events (organization_id, occurred_at desc, id desc)',
  'create index audit_events_target_idx on audit_events (organization_id, target_id, occurred_at desc, id desc)',
];

/**
 * The transactional outbox and what reads it (the feed's head, outbound endpoints and their
 * deliveries, in-process subscriptions), and the append-only audit log.
 */
export class OutboxAndAudit extends Migration {
  override up(): void {
    [outbox, feedHead, "insert into event_feed_head (name, position) values ('feed', 0)", endpoints, deliveries, subscriptions, audit, ...appendOnly, ...OUTBOX_INDEXES].forEach((sql) =>
      this.addSql(sql),
    );
  }

  override down(): void {
    for (const table of ['audit_events', 'event_subscriptions', 'event_deliveries', 'event_endpoints', 'event_feed_head', 'outbox_events']) this.addSql(`drop table if exists ${table}`);
    this.addSql('drop function if exists audit_events_append_only()');
  }
}
