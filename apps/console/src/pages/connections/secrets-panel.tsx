import { useState } from 'preact/hooks';
import { issueAt } from '../../api/api-error';
import { secretFlags, type Connection } from '../../api/connection';
import type { Provider } from '../../api/provider';
import { useSession } from '../../auth/session';
import { StatusBadge } from '../../ui/badges';
import { TextField } from '../../ui/field';
import { FormErrors } from '../../ui/form-errors';
import { Notice } from '../../ui/notice';

interface Props {
  readonly connection: Connection;
  readonly provider: Provider | undefined;
  readonly onChanged: (connection: Connection) => void;
}

/** `apiToken` reads "Api token" when the provider does not name it. */
const humanize = (field: string) => field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).replace(/\bApi\b/, 'API');

/** One secret: whether it is set, and a write-only input to replace it. */
const SecretRotation = ({ connection, field, label, set, removable, onChanged }: { connection: Connection; field: string; label: string; set: boolean; removable: boolean; onChanged: (c: Connection) => void }) => {
  const { api } = useSession();
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const change = async (next: string | null) => {
    setError(undefined);
    setDone(undefined);
    try {
      onChanged(await api.connections.update(connection.id, { [field]: next }));
      setValue('');
      setDone(next === null ? `${label} removed.` : `${label} replaced. Test the connection to check it.`);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form class="secret" noValidate onSubmit={(e) => {
        e.preventDefault();
        void change(value);
      }} aria-label={`Replace ${label}`}>
      <p>
        <strong>{label}</strong> <StatusBadge status={set ? 'succeeded' : 'never'} label={set ? 'set' : 'not set'} />
      </p>
      <TextField id={`secret-${field}`} label={`New ${label}`} type="password" autocomplete="new-password" value={value} onValue={setValue} error={issueAt(error, field)} />
      <div class="row">
        <button type="submit" disabled={value === ''}>
          {set ? 'Replace' : 'Set'}
        </button>
        {removable && set ? (
          <button type="button" class="danger" onClick={() => void change(null)}>
            Remove
          </button>
        ) : null}
      </div>
      {issueAt(error, field) === undefined ? <FormErrors error={error} /> : null}
      {done === undefined ? null : <Notice tone="success">{done}</Notice>}
    </form>
  );
};

/** Every secret of the connection (from its `has<Field>` flags): rotate, never read. */
export const SecretsPanel = ({ connection, provider, onChanged }: Props) => (
  <section class="panel" aria-labelledby="secrets-heading">
    <h2 id="secrets-heading">Secrets</h2>
    <p class="muted">Secrets are write-only: they are stored encrypted and never shown again, here or by the API.</p>
    {secretFlags(connection).map(({ field, set }) => {
      const described = provider?.fields.find((f) => f.name === field);
      if (described !== undefined && described.authModes.length > 0 && !described.authModes.includes(connection.authType)) return null;
      return (
        <SecretRotation
          key={field}
          connection={connection}
          field={field}
          label={described?.label ?? humanize(field)}
          set={set}
          removable={described !== undefined && !described.required}
          onChanged={onChanged}
        />
      );
    })}
  </section>
);
