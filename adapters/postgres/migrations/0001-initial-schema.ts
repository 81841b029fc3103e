import { Migration } from '@mikro-orm/migrations';

const connections = `
create table integration_connections (
  id uuid primary key,
  organization_id text not null,
  provider text not null check (provider in ('jira', 'servicenow', 'connectwise')),
  name text not null,
  base_url text not null,
  credentials jsonb not null,
  webhook_secret text,
  mappings jsonb not null,
  query_filter text,
  polling_enabled boolean not null,
  enabled boolean not null,
  sync_cursor text,
  last_sync_at timestamptz,
  last_sync_status text not null check (last_sync_status in ('never', 'succeeded', 'failed')),
  last_sync_error text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint integration_connections_org_provider_base_url_unique unique (organization_id, provider, base_url)
)`;

const tasks = `
create table external_tasks (
  id uuid primary key,
  organization_id text not null,
  connection_id uuid not null,
  external_system text not null check (external_system in ('jira', 'servicenow', 'connectwise')),
  external_id text not null,
  key text not null,
  url text not null,
  title text not null,
  description text,
  status text not null check (status in ('backlog', 'todo', 'in_progress', 'done', 'cancelled')),
  raw_status text,
  priority text not null check (priority in ('low', 'medium', 'high', 'urgent')),
  raw_priority text,
  project_key text,
  internal_project_id text,
  assignee_email text,
  assignee_external_id text,
  resource_id text,
  due_date date,
  external_created_at timestamptz,
  external_updated_at timestamptz not null,
  source_data jsonb not null,
  deleted_at timestamptz,
  last_synced_at timestamptz not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint external_tasks_org_system_external_id_unique unique (organization_id, external_system, external_id)
)`;

// Each index ends in the list order (external_updated_at desc, id desc), so a filtered page is one index range scan.
const taskIndexes = [
  'create index external_tasks_list_idx on external_tasks (organization_id, external_updated_at desc, id desc)',
  'create index external_tasks_connection_idx on external_tasks (organization_id, connection_id, external_updated_at desc, id desc)',
  'create index external_tasks_status_idx on external_tasks (organization_id, status, external_updated_at desc, id desc)',
  'create index external_tasks_assignee_idx on external_tasks (organization_id, assignee_email, external_updated_at desc, id desc)',
];

const events = `
create table external_task_events (
  id bigserial primary key,
  idempotency_key text not null,
  organization_id text not null,
  connection_id uuid not null,
  external_id text not null,
  kind text not null check (kind in ('poll', 'webhook')),
  processed_at timestamptz not null,
  constraint external_task_events_idempotency_key_unique unique (idempotency_key)
)`;

const userMappings = `
create table external_user_mappings (
  id uuid primary key,
  organization_id text not null,
  external_system text not null check (external_system in ('jira', 'servicenow', 'connectwise')),
  external_email text not null,
  external_user_id text,
  resource_id text not null,
  created_at timestamptz not null,
  constraint external_user_mappings_org_system_email_unique unique (organization_id, external_system, external_email)
)`;

const syncRuns = `
create table sync_runs (
  id uuid primary key,
  organization_id text not null,
  connection_id uuid not null,
  trigger text not null check (trigger in ('manual', 'schedule', 'full-resync')),
  mode text not null check (mode in ('incremental', 'full')),
  status text not null check (status in ('running', 'succeeded', 'failed')),
  issues_processed integer not null,
  created_count integer not null,
  updated_count integer not null,
  unchanged_count integer not null,
  skipped_count integer not null,
  error text,
  started_at timestamptz not null,
  finished_at timestamptz
)`;

/**
 * The first schema. Tasks, events and runs keep no foreign key to their connection on purpose:
 * deleting a connection leaves its synced tasks and history in place.
 */
export class InitialSchema extends Migration {
  override up(): void {
    [connections, tasks, ...taskIndexes, events, userMappings, syncRuns].forEach((sql) => this.addSql(sql));
    this.addSql('create index external_user_mappings_user_id_idx on external_user_mappings (organization_id, external_system, external_user_id)');
    this.addSql('create index sync_runs_connection_idx on sync_runs (organization_id, connection_id, started_at desc, id desc)');
  }

  override down(): void {
    ['sync_runs', 'external_user_mappings', 'external_task_events', 'external_tasks', 'integration_connections'].forEach((table) =>
      this.addSql(`drop table if exists ${table}`),
    );
  }
}
