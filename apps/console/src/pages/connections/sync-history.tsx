import type { SyncRun } from '../../api/sync';
import { StatusBadge } from '../../ui/badges';
import { Time } from '../../ui/time';

const duration = (run: SyncRun): string => {
  if (run.finishedAt === null || run.startedAt === null) return '…';
  const ms = new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
};

/** The latest runs of a connection, newest first, with what each one did (so far, for an open one). */
export const SyncHistory = ({ runs }: { runs: ReadonlyArray<SyncRun> }) =>
  runs.length === 0 ? (
    <p class="muted">No sync has run yet.</p>
  ) : (
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Sync history, scrollable">
      <table class="table compact" aria-label="Sync history">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Trigger</th>
            <th scope="col">Mode</th>
            <th scope="col">Result</th>
            <th scope="col" class="num">Processed</th>
            <th scope="col" class="num">Created</th>
            <th scope="col" class="num">Updated</th>
            <th scope="col" class="num">Unchanged</th>
            <th scope="col" class="num">Skipped</th>
            <th scope="col" class="num">Pages</th>
            <th scope="col">Took</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <Time iso={run.startedAt ?? run.queuedAt} />
              </td>
              <td>{run.trigger}</td>
              <td>{run.mode}</td>
              <td>
                <StatusBadge status={run.status} />
                {run.error === null ? null : <div class="field-error wrap">{run.error}</div>}
              </td>
              <td class="num">{run.counts.issuesProcessed}</td>
              <td class="num">{run.counts.created}</td>
              <td class="num">{run.counts.updated}</td>
              <td class="num">{run.counts.unchanged}</td>
              <td class="num">{run.counts.skipped}</td>
              <td class="num">{run.pages ?? '—'}</td>
              <td>{duration(run)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
