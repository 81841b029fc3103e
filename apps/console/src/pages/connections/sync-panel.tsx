import { useState } from 'preact/hooks';
import type { Connection } from '../../api/connection';
import type { SyncReport } from '../../api/sync';
import { useSession } from '../../auth/session';
import { CheckboxField } from '../../ui/field';
import { FailureNotice, Loading } from '../../ui/notice';
import { useResource } from '../../ui/use-resource';
import { SyncHistory } from './sync-history';
import { SyncOutcome, SyncProgress } from './sync-progress';

const POLL_MS = 700;

/** Sync now, its progress while it runs (the run history, polled), its outcome, and the history. */
export const SyncPanel = ({ connection, onSynced }: { connection: Connection; onSynced: () => void }) => {
  const { api } = useSession();
  const { resource: runs, reload } = useResource(() => api.connections.syncRuns(connection.id), [api, connection.id]);
  const [since, setSince] = useState<number | undefined>(undefined);
  const [full, setFull] = useState(false);
  const [outcome, setOutcome] = useState<{ report?: SyncReport; error?: unknown }>({});
  const start = async () => {
    setSince(Date.now());
    setOutcome({});
    const poll = window.setInterval(() => void reload(), POLL_MS);
    try {
      setOutcome({ report: await api.connections.syncNow(connection.id, full ? 'full' : 'incremental') });
    } catch (error) {
      setOutcome({ error });
    } finally {
      window.clearInterval(poll);
      setSince(undefined);
      await reload();
      onSynced();
    }
  };
  const running = runs.state === 'ready' ? runs.value.find((r) => r.status === 'running') : undefined;
  return (
    <section class="panel" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      <div class="row">
        <button type="button" class="primary" onClick={start} disabled={since !== undefined || !connection.enabled}>
          Sync now
        </button>
        <CheckboxField id="sync-full" label="Full (every issue, not only changes since the last sync)" checked={full} onChecked={setFull} />
      </div>
      {connection.enabled ? null : <p class="muted">The connection is disabled: enable it to sync.</p>}
      {since === undefined ? null : <SyncProgress since={since} run={running} />}
      {outcome.report === undefined ? null : <SyncOutcome report={outcome.report} />}
      {outcome.error === undefined ? null : <FailureNotice error={outcome.error} />}
      <h3>History</h3>
      {runs.state === 'loading' ? <Loading what="sync history" /> : null}
      {runs.state === 'failed' ? <FailureNotice error={runs.error} /> : null}
      {runs.state === 'ready' ? <SyncHistory runs={runs.value} /> : null}
    </section>
  );
};
