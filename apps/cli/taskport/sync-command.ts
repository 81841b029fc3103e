import cliProgress from 'cli-progress';
import { CliFailure, type ApiClient } from './api-client.js';
import { QueuedRun, RunView } from './api-views.js';
import { runSummary } from './output.js';

export interface SyncOptions {
  readonly full?: boolean;
  readonly follow?: boolean;
  /** How often the run is read while following. */
  readonly pollMs?: number;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);

/**
 * The bar grows with the run: a tracker does not say up front how many items a sync will read, so
 * the total is the items read so far plus a page's worth, and the bar fills at the end (even for a
 * run of no items, which is why the line shows the run's own count rather than the bar's value).
 */
const progressBar = () =>
  new cliProgress.SingleBar(
    { format: 'sync {bar} {status} | page {pages} | {items} items ({created} created, {updated} updated)', noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 1_000, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );

const payload = (run: RunView) => ({ status: run.status, pages: run.pages, items: run.counts.issuesProcessed, created: run.counts.created, updated: run.counts.updated });

const follow = async (api: ApiClient, connectionId: string, runId: string, pollMs: number): Promise<RunView> => {
  const bar = progressBar();
  bar.start(1, 0, { status: 'queued', pages: 0, items: 0, created: 0, updated: 0 });
  try {
    for (;;) {
      const run = await api.call(RunView, 'GET', `api/integrations/${encodeURIComponent(connectionId)}/sync-runs/${encodeURIComponent(runId)}`);
      const items = run.counts.issuesProcessed;
      if (FINISHED.has(run.status)) {
        bar.setTotal(Math.max(items, 1));
        bar.update(Math.max(items, 1), payload(run));
        return run;
      }
      bar.setTotal(items + Math.max(50, Math.ceil(items / Math.max(run.pages, 1))));
      bar.update(items, payload(run));
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    bar.stop();
  }
};

/** `taskport sync <connection>`: queues a run; with --follow, shows its progress and exits with its outcome. */
export const syncCommand = async (api: ApiClient, connectionId: string, options: SyncOptions, print: (line: string) => void): Promise<void> => {
  const queued = await api.call(QueuedRun, 'POST', `api/integrations/${encodeURIComponent(connectionId)}/sync-now`, {
    body: options.full === true ? { mode: 'full' } : {},
    headers: { prefer: 'respond-async' },
  });
  if (options.follow !== true) {
    print(`Run ${queued.runId} ${queued.status} (follow it: taskport sync ${connectionId} --follow, or taskport runs ${connectionId})`);
    return;
  }
  const run = await follow(api, connectionId, queued.runId, options.pollMs ?? 500);
  if (run.status !== 'succeeded') throw new CliFailure(runSummary(run));
  print(runSummary(run));
};
