import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { ConnectionRepository, SyncRun, SyncRunRepository, UnitOfWork } from '../../core/index.js';

export interface SyncMetrics {
  readonly runs: Counter<'provider' | 'outcome'>;
  readonly items: Histogram<'provider'>;
  readonly duration: Histogram<'provider' | 'outcome'>;
}

export const syncMetrics = (registry: Registry): SyncMetrics => ({
  runs: new Counter({
    name: 'taskport_sync_runs_total',
    help: 'Sync runs ended in this process, by provider and outcome (succeeded, failed, cancelled, interrupted; retrying: an attempt failed and the run was queued again)',
    labelNames: ['provider', 'outcome'],
    registers: [registry],
  }),
  items: new Histogram({
    name: 'taskport_sync_run_items',
    help: 'Items a sync run processed (read from the tracker), by provider',
    labelNames: ['provider'],
    buckets: [0, 1, 10, 100, 1_000, 10_000, 100_000],
    registers: [registry],
  }),
  duration: new Histogram({
    name: 'taskport_sync_run_duration_seconds',
    help: 'Time from a sync run starting to its end, by provider and outcome',
    labelNames: ['provider', 'outcome'],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3_600],
    registers: [registry],
  }),
});

/** Which provider a run's connection speaks to; `unknown` when it is gone. */
export type ProviderOfRun = (run: SyncRun) => Promise<string>;

/** A run's provider, remembered per connection (a connection never changes provider). */
export const providerOfRun = (connections: ConnectionRepository): ProviderOfRun => {
  const known = new Map<string, string>();
  return async (run) => {
    const remembered = known.get(run.connectionId);
    if (remembered !== undefined) return remembered;
    const found = await connections.findById(run.organizationId, run.connectionId)();
    if (found._tag === 'Left' || found.right === null) return 'unknown';
    if (known.size >= 10_000) known.clear();
    known.set(run.connectionId, found.right.provider);
    return found.right.provider;
  };
};

const outcomeOf = (run: SyncRun): string => (run.status === 'queued' ? 'retrying' : run.status);

const observe = (metrics: SyncMetrics, providerOf: ProviderOfRun, run: SyncRun) => async () => {
  const provider = await providerOf(run).catch(() => 'unknown');
  const outcome = outcomeOf(run);
  metrics.runs.inc({ provider, outcome });
  metrics.items.observe({ provider }, run.counts.issuesProcessed);
  if (run.startedAt !== null && run.finishedAt !== null) metrics.duration.observe({ provider, outcome }, (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000);
};

/** The sync history port, counting every run it closes (finished by a worker, or found with its worker gone). */
export const measuredSyncRuns = (runs: SyncRunRepository, metrics: SyncMetrics, providerOf: ProviderOfRun): SyncRunRepository => ({
  ...runs,
  finish: (run) =>
    pipe(
      runs.finish(run),
      TE.tap((stored) => TE.fromTask(stored === null ? async () => undefined : observe(metrics, providerOf, stored))),
    ),
  closeExpired: (now, reason) =>
    pipe(
      runs.closeExpired(now, reason),
      TE.tap((closed) => TE.fromTask(async () => void (await Promise.all(closed.map((run) => observe(metrics, providerOf, run)())))))
    ),
});

/** The unit of work whose transactions count the runs they close, like `measuredSyncRuns`. */
export const measuredSyncRunsIn = (unitOfWork: UnitOfWork, metrics: SyncMetrics, providerOf: ProviderOfRun): UnitOfWork => ({
  ...unitOfWork,
  transaction: (work, lane) => unitOfWork.transaction((ports) => work({ ...ports, syncRuns: measuredSyncRuns(ports.syncRuns, metrics, providerOf) }), lane),
});
