import { Migration } from '@mikro-orm/migrations';

const writes = `
create table task_writes (
  id uuid primary key,
  organization_id text not null,
  connection_id uuid not null,
  kind text not null check (kind in ('create', 'update')),
  request jsonb not null,
  idempotency_key text null,
  request_digest text not null,
  status text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
  attempts int not null default 0,
  result jsonb null,
  failure jsonb null,
  failure_code text null,
  requested_by text not null,
  request_id text null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  finished_at timestamptz null,
  constraint task_writes_idempotency_key_unique unique (organization_id, idempotency_key)
)`;

/**
 * Writes back to trackers (issue 17): one row per write, its request and outcome as JSON, one write
 * per idempotency key and organization. A connection chooses how a conflicting write is settled.
 */
export class TaskWrites extends Migration {
  override up(): void {
    this.addSql(writes);
    this.addSql('create index task_writes_auth_failures on task_writes (organization_id, connection_id, finished_at) where failure_code = \'write/auth\'');
    this.addSql("alter table integration_connections add column write_conflict_policy text not null default 'tracker-wins' check (write_conflict_policy in ('tracker-wins', 'product-wins'))");
  }

  override down(): void {
    this.addSql('drop table task_writes');
    this.addSql('alter table integration_connections drop column write_conflict_policy');
  }
}
