import { randomBytes } from 'node:crypto';
import { fieldsOf, NUMBER_PREFIX, tableDef } from './schema.js';

/** A record as the Table API stores it: every value a string, references as sys_ids, "" for empty. */
export type SnRecord = Readonly<Record<string, string>>;

export type Operation = 'insert' | 'update' | 'delete';

/** A change to a record, as a business rule sees it: the record after (or, for a delete, as it was). */
export interface RecordChange {
  readonly operation: Operation;
  readonly table: string;
  readonly record: SnRecord;
}

export interface RecordStore {
  readonly tables: () => ReadonlyArray<string>;
  /** In insertion order. */
  readonly all: (table: string) => ReadonlyArray<SnRecord>;
  readonly get: (table: string, sysId: string) => SnRecord | undefined;
  /** Adds a record with its sys_ fields and number set; `fields` may give sys_id and the sys_ fields (seeding). */
  readonly insert: (table: string, fields: Readonly<Record<string, string>>, options?: { readonly silent?: boolean }) => SnRecord;
  /** Changes fields, counts the modification and moves `sys_updated_on` to now. */
  readonly update: (table: string, sysId: string, fields: Readonly<Record<string, string>>) => SnRecord | undefined;
  readonly remove: (table: string, sysId: string) => SnRecord | undefined;
  /** Updates every record of these tables at once (a bulk edit), silently: for benchmarks. */
  readonly touchAll: (tables: ReadonlyArray<string>) => number;
  readonly size: (table: string) => number;
  readonly onChange: (listener: (change: RecordChange) => void) => () => void;
  readonly now: () => string;
  /** Grows with every change to a table: what a cached ordering of it is valid for. */
  readonly version: (table: string) => number;
}

const pad = (n: number, width = 7) => String(n).padStart(width, '0');

/** `yyyy-MM-dd HH:mm:ss` in UTC, as the Table API writes date-times. */
export const snDateTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export const createRecordStore = (clock: () => number): RecordStore => {
  const tables = new Map<string, Map<string, SnRecord>>();
  const numbers = new Map<string, number>();
  const listeners = new Set<(change: RecordChange) => void>();
  const versions = new Map<string, number>();
  const changed = (table: string) => versions.set(table, (versions.get(table) ?? 0) + 1);
  const rows = (table: string) => {
    const existing = tables.get(table);
    if (existing !== undefined) return existing;
    const created = new Map<string, SnRecord>();
    tables.set(table, created);
    return created;
  };
  const now = () => snDateTime(clock());
  const emit = (change: RecordChange) => listeners.forEach((listener) => listener(change));
  const nextNumber = (table: string) => {
    const next = (numbers.get(table) ?? 10000) + 1;
    numbers.set(table, next);
    return `${NUMBER_PREFIX[table] ?? table.toUpperCase()}${pad(next)}`;
  };
  const blank = (table: string) => Object.fromEntries(fieldsOf(table).map((f) => [f.element, '']));

  const insert: RecordStore['insert'] = (table, fields, options = {}) => {
    const at = now();
    const isTask = tableDef(table)?.extends === 'task';
    const record: SnRecord = {
      ...blank(table),
      sys_id: randomBytes(16).toString('hex'),
      sys_created_on: at,
      sys_created_by: 'admin',
      sys_updated_on: at,
      sys_updated_by: 'admin',
      sys_mod_count: '0',
      ...(isTask ? { number: nextNumber(table), sys_class_name: table, active: 'true' } : {}),
      ...fields,
    };
    rows(table).set(record.sys_id!, record);
    changed(table);
    if (options.silent !== true) emit({ operation: 'insert', table, record });
    return record;
  };

  const update: RecordStore['update'] = (table, sysId, fields) => {
    const current = rows(table).get(sysId);
    if (current === undefined) return undefined;
    const record: SnRecord = { ...current, ...fields, sys_id: sysId, sys_mod_count: String(Number(current.sys_mod_count ?? '0') + 1), sys_updated_on: now() };
    rows(table).set(sysId, record);
    changed(table);
    emit({ operation: 'update', table, record });
    return record;
  };

  return {
    tables: () => [...tables.keys()],
    all: (table) => [...rows(table).values()],
    get: (table, sysId) => rows(table).get(sysId),
    insert,
    update,
    remove: (table, sysId) => {
      const current = rows(table).get(sysId);
      if (current === undefined) return undefined;
      rows(table).delete(sysId);
      changed(table);
      emit({ operation: 'delete', table, record: current });
      return current;
    },
    touchAll: (names) => {
      const at = now();
      let count = 0;
      for (const table of names) {
        for (const [id, record] of rows(table)) {
          rows(table).set(id, { ...record, sys_mod_count: String(Number(record.sys_mod_count ?? '0') + 1), sys_updated_on: at });
          count += 1;
        }
        changed(table);
      }
      return count;
    },
    size: (table) => rows(table).size,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    now,
    version: (table) => versions.get(table) ?? 0,
  };
};
