import { Migration } from '@mikro-orm/migrations';

/**
 * Inbound webhooks: the secret a rotation replaced (accepted until its grace ends) and each
 * connection's delivery statistics. Counters are bigint: they only ever grow.
 */
export class Webhooks extends Migration {
  override up(): void {
    this.addSql(`alter table integration_connections
  add column previous_webhook_secret text,
  add column previous_webhook_secret_valid_until timestamptz,
  add column last_webhook_at timestamptz,
  add column webhooks_accepted bigint not null default 0,
  add column webhooks_refused bigint not null default 0`);
  }

  override down(): void {
    this.addSql(`alter table integration_connections
  drop column if exists webhooks_refused,
  drop column if exists webhooks_accepted,
  drop column if exists last_webhook_at,
  drop column if exists previous_webhook_secret_valid_until,
  drop column if exists previous_webhook_secret`);
  }
}
