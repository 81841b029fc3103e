import type { ProviderField } from '../../api/provider';

/** What a form holds for one field: text, a checkbox, or the chosen options. */
export type FieldValue = string | boolean | ReadonlyArray<string>;
export type FieldValues = Readonly<Record<string, FieldValue>>;

const LIST_SEPARATOR = /[\n,]/;

/** A field's current value in a connection's public view, else its default, else empty. */
export const initialValue = (field: ProviderField, current: unknown): FieldValue => {
  if (current === undefined || current === null) return field.default === undefined || field.secret ? emptyValue(field) : valueOf(field, field.default);
  return valueOf(field, current);
};

const emptyValue = (field: ProviderField): FieldValue => valueOf(field, undefined);

const valueOf = (field: ProviderField, current: unknown): FieldValue => {
  if (field.type === 'boolean') return current === true;
  if (field.type === 'choice-list') return Array.isArray(current) ? current.filter((v): v is string => typeof v === 'string') : [];
  if (field.type === 'string-list') return Array.isArray(current) ? current.filter((v) => typeof v === 'string').join('\n') : '';
  if (field.type === 'integer') return typeof current === 'number' ? String(current) : '';
  return typeof current === 'string' && !field.secret ? current : '';
};

export const initialValues = (fields: ReadonlyArray<ProviderField>, current: Readonly<Record<string, unknown>> = {}): FieldValues =>
  Object.fromEntries(fields.map((f) => [f.name, initialValue(f, current[f.name])]));

// Anything but digits goes as typed, for the API to refuse at the field.
const encodeInteger = (text: string): unknown => {
  if (text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
};

/** The request value of a field; undefined leaves it out of the body. Secrets are sent exactly as typed. */
export const encodeValue = (field: ProviderField, value: FieldValue | undefined): unknown => {
  if (value === undefined) return undefined;
  if (field.type === 'boolean') return value === true;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  const text = String(value);
  if (field.type === 'string-list') {
    const items = text.split(LIST_SEPARATOR).map((s) => s.trim()).filter((s) => s !== '');
    return items.length === 0 ? undefined : items;
  }
  if (field.secret) return text === '' ? undefined : text;
  if (field.type === 'integer') return encodeInteger(text.trim());
  return text.trim() === '' ? undefined : text.trim();
};

/** The body of "create": one property per field that has a value. */
export const creationBody = (fields: ReadonlyArray<ProviderField>, values: FieldValues): Record<string, unknown> =>
  Object.fromEntries(fields.flatMap((f) => {
    const encoded = encodeValue(f, values[f.name]);
    return encoded === undefined ? [] : [[f.name, encoded]];
  }));

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The body of "update": only what changed. A cleared optional field is sent as null (removed); an
 * empty secret input means "keep the stored one".
 */
export const changesBody = (fields: ReadonlyArray<ProviderField>, initial: FieldValues, values: FieldValues): Record<string, unknown> =>
  Object.fromEntries(fields.flatMap((f) => {
    const before = encodeValue(f, initial[f.name]);
    const after = encodeValue(f, values[f.name]);
    if (f.secret) return after === undefined ? [] : [[f.name, after]];
    if (same(before, after)) return [];
    return [[f.name, after === undefined ? (f.type === 'boolean' ? false : null) : after]];
  }));
