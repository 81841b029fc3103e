import { Migration } from '@mikro-orm/migrations';

const inbox = `
create table webhook_inbox (
  id bigserial primary key,
  delivery_key text not null,
  organization_id text not null,
  connection_id uuid not null,
  provider text not null check (provider in ('jira', 'servicenow', 'connectwise')),
  delivery_id text not null,
  received_at timestamptz not null,
  body bytea null,
  headers jsonb null,
  attempts int not null default 0,
  lease_until timestamptz null,
  completed_at timestamptz null,
  constraint webhook_inbox_delivery_key_unique unique (delivery_key)
)`;

/**
 * Webhook deliveries recorded before they are answered and applied afterwards. A completed
 * delivery keeps its row (its key answers a resend as a duplicate) but not its body. The pending
 * ones have an index of their own, so claiming never scans the completed.
 */
export class WebhookInbox extends Migration {
  override up(): void {
    this.addSql(inbox);
    this.addSql('create index webhook_inbox_pending_idx on webhook_inbox (id) where completed_at is null');
  }

  override down(): void {
    this.addSql('drop table if exists webhook_inbox');
  }
}
