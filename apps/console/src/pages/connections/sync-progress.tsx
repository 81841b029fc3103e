import { useEffect, useState } from 'preact/hooks';
import type { SyncCounts, SyncRun } from '../../api/sync';
import { StatusBadge } from '../../ui/badges';
import { Notice } from '../../ui/notice';

/** Seconds since `since`, ticking. */
const useElapsedSeconds = (since: number): number => {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [since]);
  return Math.max(0, Math.floor((now - since) / 1000));
};

const countsText = (counts: SyncCounts): string =>
  `${counts.issuesProcessed} processed (${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged), ${counts.skipped} seen before`;

const pagesText = (pages: number | undefined): string => (pages === 1 ? '1 page' : `${pages ?? 0} pages`);

interface ProgressProps {
  readonly run: SyncRun;
  readonly onCancel: () => void;
  readonly cancelling: boolean;
}

/**
 * A run that has not ended: waiting for a worker, or running with the pages and counts the API has
 * recorded so far (after each page). The total is unknown until the tracker's last page, so the bar
 * is indeterminate. Cancel stops a queued run at once and a running one after its current page.
 */
export const SyncProgress = ({ run, onCancel, cancelling }: ProgressProps) => {
  const elapsed = useElapsedSeconds(Date.parse(run.startedAt ?? run.queuedAt));
  const stopping = cancelling || run.cancelRequested === true;
  return (
    <div class="sync-progress">
      <progress aria-label="Sync in progress" />
      <p role="status" aria-live="polite">
        <StatusBadge status={run.status} /> {run.mode}
        {run.status === 'queued' ? ' · waiting for a worker' : ` · ${pagesText(run.pages)} · ${countsText(run.counts)}`} · {elapsed} s
        {stopping ? ' · cancelling (a running sync stops after its current page)' : ''}
      </p>
      <button type="button" class="danger" onClick={onCancel} disabled={stopping}>
        Cancel the sync
      </button>
    </div>
  );
};

const Counts = ({ run }: { run: SyncRun }) => (
  <dl class="counts">
    <dt>Created</dt>
    <dd>{run.counts.created}</dd>
    <dt>Updated</dt>
    <dd>{run.counts.updated}</dd>
    <dt>Unchanged</dt>
    <dd>{run.counts.unchanged}</dd>
    <dt>Skipped (seen before)</dt>
    <dd>{run.counts.skipped}</dd>
  </dl>
);

const OUTCOME_TONES: Readonly<Record<string, 'success' | 'error' | 'info'>> = { succeeded: 'success', failed: 'error' };

const outcomeText = (run: SyncRun): string => {
  const head = `Sync ${run.status} (${run.mode}): ${run.counts.issuesProcessed} processed in ${pagesText(run.pages)}.`;
  if (run.status === 'cancelled') return `${head} What it wrote before stopping stays.`;
  if (run.status === 'interrupted') return `${head} Its worker stopped; it is run again.`;
  return run.error === null ? head : `${head} ${run.error}`;
};

/** How a followed run ended, with what it did. */
export const SyncOutcome = ({ run }: { run: SyncRun }) => (
  <Notice tone={OUTCOME_TONES[run.status] ?? 'info'}>
    <p>{outcomeText(run)}</p>
    <Counts run={run} />
  </Notice>
);
