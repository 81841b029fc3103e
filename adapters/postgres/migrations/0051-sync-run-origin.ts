import { Migration } from '@mikro-orm/migrations';

/**
 * A run remembers who asked for it (the token's subject, or none for taskport's own runs) and in
 * which request, since it now ends in a worker, away from that request: its audit entries name them.
 * It also keeps what sync-now needs to answer as if it had run the sync itself: a rate limit's wait
 * and a configuration error's fields.
 */
export class SyncRunOrigin extends Migration {
  override up(): void {
    this.addSql('alter table sync_runs add column requested_by text null, add column request_id text null, add column failure_details jsonb null');
  }

  override down(): void {
    this.addSql('alter table sync_runs drop column requested_by, drop column request_id, drop column failure_details');
  }
}
