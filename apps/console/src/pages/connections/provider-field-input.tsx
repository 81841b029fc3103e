import type { ProviderField } from '../../api/provider';
import { CheckboxField, FieldFrame, SelectField, TextField, describedBy } from '../../ui/field';
import type { FieldValue } from './field-values';

interface Props {
  readonly idPrefix: string;
  readonly field: ProviderField;
  readonly value: FieldValue | undefined;
  readonly onValue: (value: FieldValue) => void;
  readonly error: string | undefined;
  /** In an edit form a secret input replaces the stored value; empty keeps it. */
  readonly secretIsSet?: boolean;
}

const INPUT_TYPES: Readonly<Record<string, 'url' | 'email' | 'password' | 'text'>> = { url: 'url', email: 'email', secret: 'password', text: 'text' };

const ChoiceList = ({ id, field, value, onValue, error }: { id: string; field: ProviderField; value: ReadonlyArray<string>; onValue: (v: FieldValue) => void; error: string | undefined }) => (
  <fieldset class={`field choice-list${error === undefined ? '' : ' field-invalid'}`} aria-describedby={describedBy(id, error, field.help)}>
    <legend>
      {field.label}
      {field.required ? <span class="required" aria-hidden="true"> *</span> : null}
    </legend>
    {(field.options ?? []).map((option) => (
      <label key={option} class="choice">
        <input
          type="checkbox"
          checked={value.includes(option)}
          onChange={(e) => onValue(e.currentTarget.checked ? [...value, option] : value.filter((v) => v !== option))}
        />{' '}
        {option}
      </label>
    ))}
    {field.help === undefined ? null : <p class="field-help" id={`${id}-help`}>{field.help}</p>}
    {error === undefined ? null : <p class="field-error" id={`${id}-error`}>{error}</p>}
  </fieldset>
);

/** One input of a provider's form, chosen by the field's type. Secrets are write-only password inputs. */
export const ProviderFieldInput = ({ idPrefix, field, value, onValue, error, secretIsSet }: Props) => {
  const id = `${idPrefix}-${field.name}`;
  if (field.type === 'boolean') return <CheckboxField id={id} label={field.label} checked={value === true} onChecked={onValue} error={error} help={field.help} />;
  if (field.type === 'choice-list') return <ChoiceList id={id} field={field} value={Array.isArray(value) ? value : []} onValue={onValue} error={error} />;
  const text = typeof value === 'string' ? value : '';
  if (field.options !== undefined && !field.secret) {
    const options = [...(field.required ? [] : [{ value: '', label: '—' }]), ...field.options.map((o) => ({ value: o, label: o }))];
    return <SelectField id={id} label={field.label} value={text} options={options} onValue={onValue} error={error} />;
  }
  if (field.type === 'string-list') {
    const help = field.help ?? 'One per line.';
    return (
      <FieldFrame id={id} label={field.label} error={error} help={help} required={field.required}>
        <textarea id={id} value={text} rows={3} placeholder={field.placeholder} onInput={(e) => onValue(e.currentTarget.value)} aria-invalid={error === undefined ? undefined : true} aria-describedby={describedBy(id, error, help)} />
      </FieldFrame>
    );
  }
  const secretHelp = secretIsSet === true ? 'A value is stored and never shown. Type a new one to replace it.' : undefined;
  return (
    <TextField
      id={id}
      label={field.label}
      type={field.secret ? 'password' : (INPUT_TYPES[field.type] ?? 'text')}
      value={text}
      onValue={onValue}
      error={error}
      help={field.help ?? secretHelp}
      required={field.required && secretIsSet !== true}
      placeholder={field.placeholder}
      maxLength={field.maxLength}
      autocomplete={field.secret ? 'new-password' : 'off'}
      inputMode={field.type === 'integer' ? 'numeric' : undefined}
      spellcheck={false}
    />
  );
};
