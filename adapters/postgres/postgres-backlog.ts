import type { Backlog } from '../metrics/backlog-metrics.js';
import { executeBound } from './bound-statement.js';
import type { EntityManagerSource } from './database-call.js';

// Each count reads a partial index: the open runs (one per connection at most) and the outbox's pending events.
const BACKLOG = `
select
  (select count(*) from sync_runs where status = 'queued')::int as queued_runs,
  (select count(*) from sync_runs where status = 'running')::int as running_runs,
  coalesce(extract(epoch from now() - (select min(queued_at) from sync_runs where status = 'queued')), 0)::float8 as oldest_queued_seconds,
  (select count(*) from outbox_events where position is null)::int as unpublished_events,
  coalesce(extract(epoch from now() - (select occurred_at from outbox_events where position is null order by seq limit 1)), 0)::float8 as outbox_lag_seconds`;

interface BacklogRow {
  readonly queued_runs: number;
  readonly running_runs: number;
  readonly oldest_queued_seconds: number;
  readonly unpublished_events: number;
  readonly outbox_lag_seconds: number;
}

/** The queue's and the outbox's backlog, as every process on this database sees it. */
export const postgresBacklog =
  (em: EntityManagerSource) =>
  async (): Promise<Backlog> => {
    const [row] = await executeBound<BacklogRow>(em(), BACKLOG, []);
    return {
      queuedRuns: row?.queued_runs ?? 0,
      runningRuns: row?.running_runs ?? 0,
      oldestQueuedSeconds: Math.max(0, row?.oldest_queued_seconds ?? 0),
      unpublishedEvents: row?.unpublished_events ?? 0,
      outboxLagSeconds: Math.max(0, row?.outbox_lag_seconds ?? 0),
    };
  };
