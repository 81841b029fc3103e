import { useMemo, useRef, useState } from 'preact/hooks';
import { issueAt } from '../../api/api-error';
import type { Connection } from '../../api/connection';
import { fieldsFor, type Provider } from '../../api/provider';
import { useSession } from '../../auth/session';
import { FormErrors, useFocusFirstInvalid } from '../../ui/form-errors';
import { Notice } from '../../ui/notice';
import { commonSettingsOf, withCommonFields } from './common-fields';
import { changesBody, initialValues, type FieldValue } from './field-values';
import { ProviderFieldInput } from './provider-field-input';

interface Props {
  readonly connection: Connection;
  readonly provider: Provider | undefined;
  readonly onChanged: (connection: Connection) => void;
}

/** Edits the non-secret settings; only what changed is sent. */
export const EditConnectionForm = ({ connection, provider, onChanged }: Props) => {
  const { api } = useSession();
  const fields = useMemo(() => {
    const own = provider === undefined ? [] : fieldsFor(provider.fields, connection.authType).filter((f) => !f.secret);
    return withCommonFields(own, commonSettingsOf(connection.values));
  }, [provider, connection.authType]);
  const initial = useMemo(() => initialValues(fields, connection.values), [fields, connection]);
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  const changes = changesBody(fields, initial, values);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      onChanged(await api.connections.update(connection.id, changes));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={form} class="panel form" noValidate onSubmit={submit} aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <FormErrors error={error} />
      {fields.map((field) => (
        <ProviderFieldInput
          key={field.name}
          idPrefix="settings"
          field={field}
          value={values[field.name]}
          onValue={(value: FieldValue) => setValues({ ...values, [field.name]: value })}
          error={issueAt(error, field.name)}
        />
      ))}
      <div class="row">
        <button type="submit" class="primary" disabled={busy || Object.keys(changes).length === 0}>
          Save changes
        </button>
      </div>
      {saved ? <Notice tone="success">Saved.</Notice> : null}
    </form>
  );
};
