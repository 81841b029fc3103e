import { useState } from 'preact/hooks';
import type { Connection, TestResult } from '../../api/connection';
import { useSession } from '../../auth/session';
import { useNavigation } from '../../router/navigation';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { FailureNotice, Notice } from '../../ui/notice';

interface Props {
  readonly connection: Connection;
  readonly onChanged: (connection: Connection) => void;
}

/** Test, enable or disable, and delete (after a confirmation). */
export const ConnectionActions = ({ connection, onChanged }: Props) => {
  const { api } = useSession();
  const { navigate } = useNavigation();
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [test, setTest] = useState<TestResult | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [confirming, setConfirming] = useState(false);
  const act = async (name: string, action: () => Promise<void>) => {
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
  const runTest = () =>
    act('test', async () => {
      setTest(undefined);
      setTest(await api.connections.test(connection.id));
    });
  const toggle = () => act('toggle', async () => onChanged(await api.connections.update(connection.id, { enabled: !connection.enabled })));
  const remove = () =>
    act('delete', async () => {
      setConfirming(false);
      await api.connections.remove(connection.id);
      navigate({ name: 'connections' });
    });
  return (
    <section class="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div class="row">
        <button type="button" onClick={runTest} disabled={busy !== undefined} aria-busy={busy === 'test'}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="button" onClick={toggle} disabled={busy !== undefined}>
          {connection.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" class="danger" onClick={() => setConfirming(true)} disabled={busy !== undefined}>
          Delete…
        </button>
      </div>
      {test === undefined ? null : (
        <Notice tone={test.connected ? 'success' : 'error'}>
          <strong>{test.connected ? 'Connected' : 'Not connected'}</strong>: {test.message}
        </Notice>
      )}
      {error === undefined ? null : <FailureNotice error={error} />}
      <ConfirmDialog open={confirming} title={`Delete ${connection.name}?`} confirmLabel="Delete the connection" onConfirm={remove} onCancel={() => setConfirming(false)}>
        <p>Its stored secrets are deleted with it and it stops syncing. The tasks it synced stay.</p>
      </ConfirmDialog>
    </section>
  );
};
