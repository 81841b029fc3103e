import { useEffect, useState } from 'preact/hooks';
import type { SyncReport, SyncRun } from '../../api/sync';

/** Seconds since `since`, ticking. */
const useElapsedSeconds = (since: number): number => {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [since]);
  return Math.max(0, Math.floor((now - since) / 1000));
};

/**
 * A sync in progress: the run the API records as running, with the counts it has reported so far,
 * and how long it has taken. The counts are whatever the run history shows while it runs.
 */
export const SyncProgress = ({ since, run }: { since: number; run: SyncRun | undefined }) => {
  const elapsed = useElapsedSeconds(since);
  const counts = run?.counts;
  return (
    <div class="sync-progress" role="status" aria-live="polite">
      <progress aria-label="Sync in progress" />
      <p>
        Syncing… {elapsed} s
        {counts === undefined || counts.issuesProcessed === 0
          ? null
          : ` · ${counts.issuesProcessed} processed (${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged)`}
      </p>
    </div>
  );
};

/** What the last sync did. */
export const SyncOutcome = ({ report }: { report: SyncReport }) => (
  <div class="notice notice-success" role="status">
    <p>
      Sync {report.status} ({report.mode}): {report.issuesProcessed} processed.
    </p>
    <dl class="counts">
      <dt>Created</dt>
      <dd>{report.created}</dd>
      <dt>Updated</dt>
      <dd>{report.updated}</dd>
      <dt>Unchanged</dt>
      <dd>{report.unchanged}</dd>
      <dt>Skipped (seen before)</dt>
      <dd>{report.skipped}</dd>
    </dl>
  </div>
);
