import { useMemo, useRef, useState } from 'preact/hooks';
import { issueAt } from '../../api/api-error';
import { fieldsFor, type Provider } from '../../api/provider';
import { useSession } from '../../auth/session';
import { useNavigation } from '../../router/navigation';
import { FormErrors, useFocusFirstInvalid } from '../../ui/form-errors';
import { PROJECT_SCOPE_FIELD, withCommonFields } from './common-fields';
import { creationBody, initialValues, type FieldValue } from './field-values';
import { ProviderFieldInput } from './provider-field-input';

/**
 * A new connection with credentials typed here: one input per provider field of the chosen way to
 * connect. The server validates; its refusals are shown at their fields.
 */
export const CredentialsForm = ({ provider, authMode }: { provider: Provider; authMode: string }) => {
  const { api } = useSession();
  const { navigate } = useNavigation();
  const fields = useMemo(() => withCommonFields(fieldsFor(provider.fields, authMode), [PROJECT_SCOPE_FIELD]), [provider, authMode]);
  const [values, setValues] = useState(() => initialValues(fields));
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.connections.create({ type: provider.name, ...creationBody(fields, values) });
      navigate({ name: 'connection', id: created.id, tab: 'overview' });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <form ref={form} class="panel form" noValidate onSubmit={submit} aria-label={`Connect ${provider.displayName}`}>
      <FormErrors error={error} />
      {fields.map((field) => (
        <ProviderFieldInput
          key={field.name}
          idPrefix="new"
          field={field}
          value={values[field.name]}
          onValue={(value: FieldValue) => setValues({ ...values, [field.name]: value })}
          error={issueAt(error, field.name)}
        />
      ))}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Connecting…' : `Connect ${provider.displayName}`}
        </button>
      </div>
    </form>
  );
};
