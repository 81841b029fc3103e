import { useEffect, useState } from 'preact/hooks';
import type { Connection } from '../../api/connection';
import { isOpenRun } from '../../api/sync';
import { useSession } from '../../auth/session';
import { CheckboxField } from '../../ui/field';
import { FailureNotice, Loading } from '../../ui/notice';
import { useResource } from '../../ui/use-resource';
import { useFollowedRun } from './use-followed-run';
import { SyncHistory } from './sync-history';
import { SyncOutcome, SyncProgress } from './sync-progress';

const RECENT_RUNS = 10;

/**
 * Sync now (queued as a job: the API answers at once with the run), the run's live progress with a
 * way to cancel it, how it ended, and the recent runs. A run already open when the page opens (the
 * schedule's, or one started before a reload) is followed the same way.
 */
export const SyncPanel = ({ connection, onSynced }: { connection: Connection; onSynced: () => void }) => {
  const { api } = useSession();
  const { resource: runs, reload } = useResource(() => api.connections.syncRuns(connection.id, RECENT_RUNS), [api, connection.id]);
  const [runId, setRunId] = useState<string | undefined>(undefined);
  const [full, setFull] = useState(false);
  const [busy, setBusy] = useState<'starting' | 'cancelling' | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const followed = useFollowedRun(connection.id, runId, () => {
    void reload();
    onSynced();
  });
  const openInHistory = runs.state === 'ready' ? runs.value.find(isOpenRun)?.id : undefined;
  useEffect(() => {
    if (openInHistory !== undefined && (followed.run === undefined || !isOpenRun(followed.run))) setRunId(openInHistory);
  }, [openInHistory]);
  const act = async (name: 'starting' | 'cancelling', action: () => Promise<void>) => {
    setBusy(name);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  };
  const start = () =>
    act('starting', async () => {
      try {
        setRunId((await api.connections.startSync(connection.id, full ? 'full' : 'incremental')).runId);
      } finally {
        // The new run (or the one already open, when the API refused another) shows in the history.
        await reload();
      }
    });
  const run = followed.run;
  const cancel = () =>
    act('cancelling', async () => {
      if (run !== undefined) followed.update(await api.connections.cancelSyncRun(connection.id, run.id));
    });
  const open = run !== undefined && isOpenRun(run);
  return (
    <section class="panel" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      <div class="row">
        <button type="button" class="primary" onClick={start} disabled={busy !== undefined || open || !connection.enabled}>
          Sync now
        </button>
        <CheckboxField id="sync-full" label="Full (every issue, not only changes since the last sync)" checked={full} onChecked={setFull} />
      </div>
      {connection.enabled ? null : <p class="muted">The connection is disabled: enable it to sync.</p>}
      {run !== undefined && open ? <SyncProgress run={run} onCancel={cancel} cancelling={busy === 'cancelling'} /> : null}
      {run !== undefined && !open ? <SyncOutcome run={run} /> : null}
      {error === undefined ? null : <FailureNotice error={error} />}
      {followed.error === undefined ? null : <FailureNotice error={followed.error} />}
      <h3>Recent runs</h3>
      {runs.state === 'loading' ? <Loading what="sync history" /> : null}
      {runs.state === 'failed' ? <FailureNotice error={runs.error} /> : null}
      {runs.state === 'ready' ? <SyncHistory runs={runs.value.map((r) => (r.id === run?.id ? run : r))} /> : null}
    </section>
  );
};
