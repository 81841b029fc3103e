import type { SnRecord } from './record-store.js';
import { fieldOf, fieldsOf } from './schema.js';

export interface RenderOptions {
  readonly instance: string;
  /** `sysparm_fields`; empty means every field of the table. */
  readonly fields: ReadonlyArray<string>;
  /** `sysparm_exclude_reference_link=true`: references as plain sys_ids instead of `{ link, value }`. */
  readonly plainReferences: boolean;
  readonly resolve: (table: string, sysId: string) => SnRecord | undefined;
}

/** A dot-walked value (`assigned_to.email`): read through the reference, "" when it leads nowhere. */
const walked = (table: string, record: SnRecord, path: ReadonlyArray<string>, options: RenderOptions): string | undefined => {
  let current: SnRecord | undefined = record;
  let currentTable = table;
  for (const [i, element] of path.entries()) {
    const field = fieldOf(currentTable, element);
    if (field === undefined) return undefined;
    if (i === path.length - 1) return current?.[element] ?? '';
    if (field.reference === undefined) return undefined;
    const id: string = current?.[element] ?? '';
    currentTable = field.reference;
    current = id === '' ? undefined : options.resolve(currentTable, id);
  }
  return undefined;
};

/** A record as the Table API writes it with `sysparm_display_value=false`: every value a string, unknown fields left out. */
export const renderRecord = (table: string, record: SnRecord, options: RenderOptions): Record<string, unknown> => {
  const names = options.fields.length === 0 ? fieldsOf(table).map((f) => f.element) : options.fields;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (name.includes('.')) {
      const value = walked(table, record, name.split('.'), options);
      if (value !== undefined) out[name] = value;
      continue;
    }
    const field = fieldOf(table, name);
    if (field === undefined) continue;
    const value = record[name] ?? '';
    out[name] =
      field.type === 'reference' && !options.plainReferences && value !== ''
        ? { link: `${options.instance}/api/now/table/${field.reference}/${value}`, value }
        : value;
  }
  return out;
};
