import { Migration } from '@mikro-orm/migrations';

/**
 * One bad item no longer stops a sync: a run counts and lists the items it could not store, and
 * each connection keeps its quarantined items, with the reason, until one is stored.
 */
export class Quarantine extends Migration {
  override up(): void {
    this.addSql('alter table sync_runs add column quarantined_count integer not null default 0, add column quarantine jsonb null');
    this.addSql(`create table quarantined_issues (
      organization_id text not null,
      connection_id uuid not null,
      external_id text not null,
      key text not null,
      version text not null,
      reason text not null,
      run_id uuid null,
      first_quarantined_at timestamptz not null,
      quarantined_at timestamptz not null,
      constraint quarantined_issues_pkey primary key (organization_id, connection_id, external_id)
    )`);
    this.addSql('create index quarantined_issues_latest_idx on quarantined_issues (organization_id, connection_id, quarantined_at desc)');
  }

  override down(): void {
    this.addSql('drop table if exists quarantined_issues');
    this.addSql('alter table sync_runs drop column quarantine, drop column quarantined_count');
  }
}
