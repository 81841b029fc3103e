import { collectDefaultMetrics, Registry } from 'prom-client';
import { backlogMetrics, type ReadBacklog } from './backlog-metrics.js';
import { httpMetrics, type HttpMetrics } from './http-metrics.js';
import { sourceMetrics, type SourceMetrics } from './source-metrics.js';
import { syncMetrics, type SyncMetrics } from './sync-metrics.js';
import { webhookMetrics, type WebhookMetrics } from './webhook-metrics.js';

/**
 * The metrics of one API process, in one prom-client registry (not the library's global one, so
 * several apps in one process, as in the tests, keep theirs apart). To add a metric: write
 * `<area>-metrics.ts` here exporting `(registry) => { ...your counters, histograms or gauges }`
 * (names start with `taskport_`, labels stay few and bounded), add it below, and hand it to the
 * code that measures from the composition root. README "Metrics" lists what exists.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly http: HttpMetrics;
  readonly webhooks: WebhookMetrics;
  readonly syncs: SyncMetrics;
  readonly sources: SourceMetrics;
}

export interface MetricsOptions {
  /** Reads the queue and outbox backlog at each scrape; without it those gauges are absent. */
  readonly backlog?: ReadBacklog;
}

export const createMetrics = (options: MetricsOptions = {}): Metrics => {
  const registry = new Registry();
  // Process metrics (CPU, memory, event loop lag, handles, GC) under prom-client's standard names.
  collectDefaultMetrics({ register: registry });
  if (options.backlog !== undefined) backlogMetrics(registry, options.backlog);
  return { registry, http: httpMetrics(registry), webhooks: webhookMetrics(registry), syncs: syncMetrics(registry), sources: sourceMetrics(registry) };
};
