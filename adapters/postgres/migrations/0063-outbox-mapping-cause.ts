import { Migration } from '@mikro-orm/migrations';

/**
 * Re-applying a connection's mappings changes stored tasks without a sync or a webhook: the product
 * hears of those changes too, with their own cause. The CHECK is replaced rather than dropped so bad
 * data still cannot enter; the ALTER only takes a brief lock (the new constraint is validated once).
 */
export class OutboxMappingCause extends Migration {
  override up(): void {
    this.addSql('alter table outbox_events drop constraint if exists outbox_events_cause_check');
    this.addSql("alter table outbox_events add constraint outbox_events_cause_check check (cause in ('sync', 'webhook', 'write', 'mapping'))");
  }

  override down(): void {
    this.addSql("delete from outbox_events where cause = 'mapping'");
    this.addSql('alter table outbox_events drop constraint if exists outbox_events_cause_check');
    this.addSql("alter table outbox_events add constraint outbox_events_cause_check check (cause in ('sync', 'webhook', 'write'))");
  }
}
