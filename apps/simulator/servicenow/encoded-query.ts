import { fieldOf, type FieldDef } from './schema.js';
import type { SnRecord } from './record-store.js';
import { sysIdBoundsOf, type SysIdBounds } from './sys-id-index.js';

/**
 * The simulator's own reading of encoded queries (not the adapter's: the tests would prove nothing
 * if both shared one): `^` AND, `^OR`, `^NQ`, `=`, `!=`, `>`, `>=`, `<`, `<=`, `IN`, `NOT IN`,
 * `LIKE`, `NOTLIKE`, `STARTSWITH`, `ENDSWITH`, `ISEMPTY`, `ISNOTEMPTY`, `ORDERBY`, `ORDERBYDESC`, and
 * dot-walks through references. Text compares as strings without regard to case, as the instance's
 * database does (so `sys_id>=a^sys_id<=b` is a range of sys_ids in their order); integers as numbers.
 * As the real instance does, a condition on a field the table does not have, or with an operator it
 * cannot read (query-quirks.ts), is silently dropped.
 */

interface Condition {
  readonly path: ReadonlyArray<string>;
  readonly op: string;
  readonly value: string;
  /** Read once when the query is compiled, not for every record. */
  readonly numeric: boolean;
  readonly list: ReadonlyArray<string>;
}

export interface Ordering {
  readonly field: string;
  readonly descending: boolean;
}

export interface CompiledQuery {
  readonly matches: (record: SnRecord) => boolean;
  readonly order: ReadonlyArray<Ordering>;
  /** The sys_ids it can select at all: what an index on sys_id narrows the records to. */
  readonly sysIds: SysIdBounds;
}

/** Longest first, so `NOT IN` is not read as `IN` and `>=` not as `>`. */
const OPERATORS = ['NOT IN', 'NOTLIKE', 'STARTSWITH', 'ENDSWITH', 'ISNOTEMPTY', 'ISEMPTY', 'LIKE', 'IN', '!=', '>=', '<=', '=', '>', '<'];

export type Resolve = (table: string, sysId: string) => SnRecord | undefined;

/** The field at the end of a dot-walk, or undefined when any step names nothing. */
const fieldAt = (table: string, path: ReadonlyArray<string>): FieldDef | undefined => {
  let current = table;
  let field: FieldDef | undefined;
  for (const [i, element] of path.entries()) {
    field = fieldOf(current, element);
    if (field === undefined) return undefined;
    if (i < path.length - 1) {
      if (field.type !== 'reference' || field.reference === undefined) return undefined;
      current = field.reference;
    }
  }
  return field;
};

const valueAt = (table: string, record: SnRecord, path: ReadonlyArray<string>, resolve: Resolve): string => {
  if (path.length === 1) return record[path[0]!] ?? '';
  let current: SnRecord | undefined = record;
  let currentTable = table;
  for (const [i, element] of path.entries()) {
    const value: string = current?.[element] ?? '';
    if (i === path.length - 1) return value;
    const field = fieldOf(currentTable, element);
    if (field?.reference === undefined || value === '') return '';
    currentTable = field.reference;
    current = resolve(currentTable, value);
  }
  return '';
};

const parseCondition = (table: string, text: string, ignored: ReadonlySet<string>): Condition | null => {
  const field = /^[a-z0-9_.]+/.exec(text)?.[0];
  if (field === undefined) return null;
  const rest = text.slice(field.length);
  const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
  if (op === undefined || ignored.has(op)) return null;
  const path = field.split('.');
  const def = fieldAt(table, path);
  const value = rest.slice(op.length);
  return def === undefined ? null : { path, op, value, numeric: def.type === 'integer', list: value.split(',').map((v) => v.trim().toLowerCase()) };
};

const compare = (a: string, b: string, numeric: boolean): number => {
  if (numeric && a !== '' && b !== '') return Number(a) - Number(b);
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
};

const test = (table: string, condition: Condition, record: SnRecord, resolve: Resolve): boolean => {
  const actual = valueAt(table, record, condition.path, resolve);
  const { numeric } = condition;
  const lower = actual.toLowerCase();
  const wanted = condition.value.toLowerCase();
  const list = () => condition.list;
  switch (condition.op) {
    case '=': return compare(actual, condition.value, numeric) === 0;
    case '!=': return compare(actual, condition.value, numeric) !== 0;
    case '>': return actual !== '' && compare(actual, condition.value, numeric) > 0;
    case '>=': return actual !== '' && compare(actual, condition.value, numeric) >= 0;
    case '<': return actual !== '' && compare(actual, condition.value, numeric) < 0;
    case '<=': return actual !== '' && compare(actual, condition.value, numeric) <= 0;
    case 'IN': return list().includes(lower);
    case 'NOT IN': return !list().includes(lower);
    case 'LIKE': return lower.includes(wanted);
    case 'NOTLIKE': return !lower.includes(wanted);
    case 'STARTSWITH': return lower.startsWith(wanted);
    case 'ENDSWITH': return lower.endsWith(wanted);
    case 'ISEMPTY': return actual === '';
    case 'ISNOTEMPTY': return actual !== '';
    default: return true;
  }
};

/**
 * Reads a query against a table's fields: groups (`^NQ`) of AND-ed lists of OR-ed conditions, and the
 * order. A condition with an operator in `ignored` is dropped, as one the instance cannot read is.
 */
export const compileQuery = (table: string, query: string, resolve: Resolve, ignored: ReadonlySet<string> = new Set()): CompiledQuery => {
  const groups: Condition[][][] = [[]];
  const order: Ordering[] = [];
  for (const raw of query === '' ? [] : query.split('^')) {
    let part = raw;
    if (part.startsWith('NQ')) {
      groups.push([]);
      part = part.slice(2);
    }
    const ordering = /^ORDERBY(DESC)?(.*)$/.exec(part);
    if (ordering !== null) {
      if (fieldOf(table, ordering[2]!) !== undefined) order.push({ field: ordering[2]!, descending: ordering[1] !== undefined });
      continue;
    }
    const isOr = part.startsWith('OR');
    const condition = parseCondition(table, isOr ? part.slice(2) : part, ignored);
    if (condition === null) continue;
    const group = groups[groups.length - 1]!;
    if (isOr && group.length > 0) group[group.length - 1]!.push(condition);
    else group.push([condition]);
  }
  const matches = (record: SnRecord) => groups.some((group) => group.every((any) => any.some((c) => test(table, c, record, resolve))));
  return { matches, order, sysIds: sysIdBoundsOf(groups) };
};

/** Sorts by the query's ORDERBY fields (numbers as numbers, text without regard to case), stable otherwise. */
export const sortRecords = (table: string, records: ReadonlyArray<SnRecord>, order: ReadonlyArray<Ordering>): ReadonlyArray<SnRecord> => {
  if (order.length === 0) return records;
  const numeric = order.map((o) => fieldOf(table, o.field)?.type === 'integer');
  // Each record's sort keys are read once, not once per comparison.
  const keyed = records.map((record) => ({ record, keys: order.map((o, i) => (numeric[i] ? Number(record[o.field] || Number.NaN) : (record[o.field] ?? '').toLowerCase())) }));
  keyed.sort((a, b) => {
    for (const [i, o] of order.entries()) {
      const [x, y] = [a.keys[i]!, b.keys[i]!];
      const c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return o.descending ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.record);
};
