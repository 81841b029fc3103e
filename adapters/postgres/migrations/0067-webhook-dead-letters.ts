import { Migration } from '@mikro-orm/migrations';

/**
 * A webhook delivery whose every try failed is dead-lettered rather than retried for ever: it
 * keeps the reason of its last failure, is no longer claimed, and waits (body included) until
 * someone replays it. The pending index leaves dead letters out; a second one lists them per connection.
 */
export class WebhookDeadLetters extends Migration {
  override up(): void {
    this.addSql('alter table webhook_inbox add column last_error text null, add column dead_lettered_at timestamptz null');
    this.addSql('drop index if exists webhook_inbox_pending_idx');
    this.addSql('create index webhook_inbox_pending_idx on webhook_inbox (id) where completed_at is null and dead_lettered_at is null');
    this.addSql(
      'create index webhook_inbox_dead_letters_idx on webhook_inbox (organization_id, connection_id, dead_lettered_at desc, id desc) where dead_lettered_at is not null',
    );
  }

  override down(): void {
    this.addSql('drop index if exists webhook_inbox_dead_letters_idx');
    this.addSql('drop index if exists webhook_inbox_pending_idx');
    this.addSql('create index webhook_inbox_pending_idx on webhook_inbox (id) where completed_at is null');
    this.addSql('alter table webhook_inbox drop column dead_lettered_at, drop column last_error');
  }
}
