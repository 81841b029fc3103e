import { Migration } from '@mikro-orm/migrations';

const runStatuses = `'queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'`;

/**
 * Runs become jobs: queued before a worker takes them, running under a lease the worker renews,
 * then succeeded, failed, cancelled or interrupted, with their progress. A connection has at most
 * one open (queued or running) run, enforced by a unique index across every process. Runs left
 * `running` by a crash before this migration never had a lease: they are closed as interrupted.
 */
const syncRuns = [
  `alter table sync_runs
     drop constraint if exists sync_runs_status_check, drop constraint if exists sync_runs_mode_check, drop constraint if exists sync_runs_trigger_check,
     add column attempt integer not null default 1,
     add column pages integer not null default 0,
     add column deleted_count integer not null default 0,
     add column out_of_scope_count integer not null default 0,
     add column back_in_scope_count integer not null default 0,
     add column failure_code text null,
     add column cancel_requested boolean not null default false,
     add column queued_at timestamptz null,
     add column lease_expires_at timestamptz null,
     alter column started_at drop not null`,
  'update sync_runs set queued_at = started_at',
  `update sync_runs set status = 'interrupted', finished_at = coalesce(finished_at, now()),
     error = coalesce(error, 'The process running this sync stopped before it finished') where status = 'running'`,
  `alter table sync_runs alter column queued_at set not null,
     add constraint sync_runs_status_check check (status in (${runStatuses})),
     add constraint sync_runs_mode_check check (mode in ('incremental', 'full', 'sweep')),
     add constraint sync_runs_trigger_check check (trigger in ('manual', 'schedule', 'full-resync', 'retry'))`,
  `create unique index sync_runs_one_open_per_connection on sync_runs (organization_id, connection_id) where status in ('queued', 'running')`,
  `create index sync_runs_lease_idx on sync_runs (lease_expires_at) where status = 'running'`,
  'drop index if exists sync_runs_connection_idx',
  'create index sync_runs_connection_idx on sync_runs (organization_id, connection_id, queued_at desc, id desc)',
];

/** Each connection's interval, when the schedule next syncs and sweeps it, and why it paused. */
const connections = [
  `alter table integration_connections
     drop constraint if exists integration_connections_last_sync_status_check,
     add constraint integration_connections_last_sync_status_check check (last_sync_status in ('never', 'succeeded', 'failed', 'cancelled', 'interrupted')),
     add column sync_interval_seconds integer not null default 300,
     add column next_sync_at timestamptz null,
     add column next_sweep_at timestamptz null,
     add column last_sweep_at timestamptz null,
     add column sync_paused_at timestamptz null,
     add column sync_paused_reason text null`,
  'create index integration_connections_schedule_idx on integration_connections (next_sync_at, next_sweep_at) where enabled and polling_enabled',
];

/** Tasks moved out of a connection's scope; and indexes for the retention job's trims. */
const tasksAndRetention = [
  'alter table external_tasks add column out_of_scope_at timestamptz null',
  'create index external_task_events_processed_idx on external_task_events (processed_at)',
  'create index webhook_inbox_completed_idx on webhook_inbox (completed_at) where completed_at is not null',
];

export class SyncJobs extends Migration {
  override up(): void {
    [...syncRuns, ...connections, ...tasksAndRetention].forEach((sql) => this.addSql(sql));
  }

  override down(): void {
    [
      'drop index if exists webhook_inbox_completed_idx',
      'drop index if exists external_task_events_processed_idx',
      'alter table external_tasks drop column out_of_scope_at',
      'drop index if exists integration_connections_schedule_idx',
      `update integration_connections set last_sync_status = 'failed' where last_sync_status in ('cancelled', 'interrupted')`,
      `alter table integration_connections drop constraint integration_connections_last_sync_status_check,
         add constraint integration_connections_last_sync_status_check check (last_sync_status in ('never', 'succeeded', 'failed')),
         drop column sync_interval_seconds, drop column next_sync_at, drop column next_sweep_at, drop column last_sweep_at,
         drop column sync_paused_at, drop column sync_paused_reason`,
      'drop index if exists sync_runs_one_open_per_connection',
      'drop index if exists sync_runs_lease_idx',
      'drop index if exists sync_runs_connection_idx',
      `delete from sync_runs where status = 'queued' or mode = 'sweep'`,
      `update sync_runs set status = 'failed', started_at = coalesce(started_at, queued_at) where status in ('cancelled', 'interrupted', 'running')`,
      `update sync_runs set trigger = 'manual' where trigger = 'retry'`,
      `alter table sync_runs drop constraint sync_runs_status_check, drop constraint sync_runs_mode_check, drop constraint sync_runs_trigger_check,
         drop column attempt, drop column pages, drop column deleted_count, drop column out_of_scope_count, drop column back_in_scope_count,
         drop column failure_code, drop column cancel_requested, drop column queued_at, drop column lease_expires_at,
         alter column started_at set not null,
         add constraint sync_runs_status_check check (status in ('running', 'succeeded', 'failed')),
         add constraint sync_runs_mode_check check (mode in ('incremental', 'full')),
         add constraint sync_runs_trigger_check check (trigger in ('manual', 'schedule', 'full-resync'))`,
      'create index sync_runs_connection_idx on sync_runs (organization_id, connection_id, started_at desc, id desc)',
    ].forEach((sql) => this.addSql(sql));
  }
}
