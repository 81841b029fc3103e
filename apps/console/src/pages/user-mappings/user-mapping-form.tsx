import { useRef, useState } from 'preact/hooks';
import { issueAt } from '../../api/api-error';
import type { UserMapping } from '../../api/user-mapping';
import { useSession } from '../../auth/session';
import { sourceName } from '../../ui/badges';
import { SelectField, TextField } from '../../ui/field';
import { FormErrors, useFocusFirstInvalid } from '../../ui/form-errors';

const SYSTEMS = ['jira', 'servicenow', 'connectwise'];
const EMPTY = { externalSystem: 'jira', externalEmail: '', resourceId: '', externalUserId: '' };

/** Links an external person (by e-mail, optionally by tracker id) to a resource of the product. */
export const UserMappingForm = ({ onCreated }: { onCreated: (mapping: UserMapping) => void }) => {
  const { api } = useSession();
  const [values, setValues] = useState(EMPTY);
  const [error, setError] = useState<unknown>(undefined);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  const set = (name: keyof typeof EMPTY) => (value: string) => setValues({ ...values, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const { externalUserId, ...rest } = values;
      onCreated(await api.userMappings.create(externalUserId.trim() === '' ? rest : { ...rest, externalUserId: externalUserId.trim() }));
      setValues(EMPTY);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form ref={form} class="panel form" noValidate onSubmit={submit} aria-labelledby="new-user-mapping">
      <h2 id="new-user-mapping">Add a user mapping</h2>
      <FormErrors error={error} />
      <SelectField id="um-system" label="Tracker" value={values.externalSystem} options={SYSTEMS.map((s) => ({ value: s, label: sourceName(s) }))} onValue={set('externalSystem')} error={issueAt(error, 'externalSystem')} />
      <TextField id="um-email" label="External e-mail" type="email" required value={values.externalEmail} onValue={set('externalEmail')} error={issueAt(error, 'externalEmail')} />
      <TextField id="um-resource" label="Internal resource id (UUID)" required value={values.resourceId} onValue={set('resourceId')} error={issueAt(error, 'resourceId')} spellcheck={false} />
      <TextField id="um-user" label="Tracker user id (optional)" value={values.externalUserId} onValue={set('externalUserId')} error={issueAt(error, 'externalUserId')} />
      <button type="submit" class="primary">
        Add the mapping
      </button>
    </form>
  );
};
