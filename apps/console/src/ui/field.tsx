import type { ComponentChildren } from 'preact';

interface FieldFrameProps {
  readonly id: string;
  readonly label: string;
  readonly error?: string | undefined;
  readonly help?: string | undefined;
  readonly required?: boolean;
  readonly children: ComponentChildren;
}

/** The ids that tie an input to its help and its error, for assistive technology. */
export const describedBy = (id: string, error: string | undefined, help: string | undefined): string | undefined =>
  [error === undefined ? undefined : `${id}-error`, help === undefined ? undefined : `${id}-help`].filter((x) => x !== undefined).join(' ') || undefined;

/** A label, the input, its help and its error, in that order. */
export const FieldFrame = ({ id, label, error, help, required = false, children }: FieldFrameProps) => (
  <div class={`field${error === undefined ? '' : ' field-invalid'}`}>
    <label for={id}>
      {label}
      {required ? <span class="required" aria-hidden="true"> *</span> : null}
    </label>
    {children}
    {help === undefined ? null : (
      <p class="field-help" id={`${id}-help`}>
        {help}
      </p>
    )}
    {error === undefined ? null : (
      <p class="field-error" id={`${id}-error`}>
        {error}
      </p>
    )}
  </div>
);

interface InputProps {
  readonly id: string;
  readonly type?: 'text' | 'email' | 'url' | 'password' | 'date' | 'datetime-local';
  readonly required?: boolean | undefined;
  readonly placeholder?: string | undefined;
  readonly maxLength?: number | undefined;
  readonly autocomplete?: string;
  readonly spellcheck?: boolean;
  readonly inputMode?: 'numeric' | undefined;
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly error?: string | undefined;
  readonly help?: string | undefined;
}

/** A text-like input with its label; `error` marks it invalid and says why. */
export const TextField = ({ id, label, value, onValue, error, help, required, type = 'text', ...rest }: InputProps) => (
  <FieldFrame id={id} label={label} error={error} help={help} required={required === true}>
    <input
      id={id}
      // Preact types `type` per ARIA role; each of these is a plain text-like input.
      type={type as 'text'}
      value={value}
      onInput={(e) => onValue(e.currentTarget.value)}
      aria-invalid={error === undefined ? undefined : true}
      aria-describedby={describedBy(id, error, help)}
      aria-required={required === true ? true : undefined}
      {...rest}
    />
  </FieldFrame>
);

interface SelectProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly onValue: (value: string) => void;
  readonly error?: string | undefined;
}

export const SelectField = ({ id, label, value, options, onValue, error }: SelectProps) => (
  <FieldFrame id={id} label={label} error={error}>
    <select id={id} value={value} onChange={(e) => onValue(e.currentTarget.value)} aria-invalid={error === undefined ? undefined : true} aria-describedby={describedBy(id, error, undefined)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  </FieldFrame>
);

interface CheckboxProps {
  readonly id: string;
  readonly label: string;
  readonly checked: boolean;
  readonly onChecked: (checked: boolean) => void;
  readonly error?: string | undefined;
  readonly help?: string | undefined;
}

export const CheckboxField = ({ id, label, checked, onChecked, error, help }: CheckboxProps) => (
  <div class={`field field-checkbox${error === undefined ? '' : ' field-invalid'}`}>
    <input id={id} type="checkbox" checked={checked} onChange={(e) => onChecked(e.currentTarget.checked)} aria-describedby={describedBy(id, error, help)} />
    <label for={id}>{label}</label>
    {help === undefined ? null : (
      <p class="field-help" id={`${id}-help`}>
        {help}
      </p>
    )}
    {error === undefined ? null : (
      <p class="field-error" id={`${id}-error`}>
        {error}
      </p>
    )}
  </div>
);
