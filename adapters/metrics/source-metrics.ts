import { Counter, Histogram, type Registry } from 'prom-client';
import type { ExchangeObserver } from '../net/index.js';

export interface SourceMetrics {
  readonly requestDuration: Histogram<'provider' | 'status'>;
  readonly rateLimited: Counter<'provider'>;
}

export const sourceMetrics = (registry: Registry): SourceMetrics => ({
  requestDuration: new Histogram({
    name: 'taskport_source_request_duration_seconds',
    help: 'Time of each request to a tracker (each attempt, redirects included), by provider and status class (2xx, 3xx, 4xx, 429, 5xx; failed: no answer)',
    labelNames: ['provider', 'status'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
  rateLimited: new Counter({
    name: 'taskport_source_rate_limited_total',
    help: 'Answers 429 (too many requests) from a tracker, by provider',
    labelNames: ['provider'],
    registers: [registry],
  }),
});

const statusClass = (status: number | null): string => (status === null ? 'failed' : status === 429 ? '429' : `${Math.floor(status / 100)}xx`);

/** What a provider's HTTP client tells of each exchange, as these metrics under the provider's name. */
export const sourceObserver =
  (metrics: SourceMetrics) =>
  (provider: string): ExchangeObserver =>
  ({ status, durationMs }) => {
    metrics.requestDuration.observe({ provider, status: statusClass(status) }, durationMs / 1000);
    if (status === 429) metrics.rateLimited.inc({ provider });
  };
