import { Gauge, type Registry } from 'prom-client';

/** What is waiting in the database, read when metrics are scraped. */
export interface Backlog {
  readonly queuedRuns: number;
  readonly runningRuns: number;
  /** Seconds the oldest queued run has waited; 0 when none waits. */
  readonly oldestQueuedSeconds: number;
  readonly unpublishedEvents: number;
  /** Seconds since the oldest event not yet published was written; 0 when none waits. */
  readonly outboxLagSeconds: number;
}

export type ReadBacklog = () => Promise<Backlog>;

/**
 * Gauges of the shared queue and outbox, read from the database at each scrape (one statement),
 * so every API process reports the same figures whichever process queued or runs the work.
 */
export const backlogMetrics = (registry: Registry, read: ReadBacklog): void => {
  let pending: Promise<Backlog> | undefined;
  // One read per scrape, shared by the gauges below.
  const current = () => (pending ??= read().finally(() => setTimeout(() => (pending = undefined), 0)));
  const gauge = (name: string, help: string, value: (backlog: Backlog) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(value(await current()));
      },
    });
  gauge('taskport_sync_queue_depth', 'Sync runs queued and not yet started by a worker', (b) => b.queuedRuns);
  gauge('taskport_sync_runs_running', 'Sync runs a worker is running', (b) => b.runningRuns);
  gauge('taskport_sync_queue_oldest_age_seconds', 'How long the oldest queued sync run has waited (0: none waits)', (b) => b.oldestQueuedSeconds);
  gauge('taskport_outbox_pending_events', 'Events written and not yet published to the feed and the deliveries', (b) => b.unpublishedEvents);
  gauge('taskport_outbox_lag_seconds', 'Age of the oldest event not yet published (0: none waits)', (b) => b.outboxLagSeconds);
};
