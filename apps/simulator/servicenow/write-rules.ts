import type { SnRecord } from './record-store.js';
import { fieldOf } from './schema.js';

/** The state choices of each table: incident has its own model, the other task tables share the task family's. */
const STATE_CHOICES = { incident: ['1', '2', '3', '6', '7', '8'], task: ['-5', '1', '2', '3', '4', '7'] } as const;
const statesOf = (table: string): ReadonlyArray<string> => (table === 'incident' ? STATE_CHOICES.incident : STATE_CHOICES.task);

/** The priority lookup rules an instance ships: rows are impact 1-3, columns urgency 1-3. */
const PRIORITY_LOOKUP = [
  ['1', '2', '3'],
  ['2', '3', '4'],
  ['3', '4', '5'],
] as const;

/** Tables whose priority the instance derives from impact and urgency (a business rule overwrites a written one). */
const DERIVES_PRIORITY: ReadonlySet<string> = new Set(['incident', 'problem', 'change_request']);

const RANGES: Readonly<Record<string, readonly [number, number]>> = { impact: [1, 3], urgency: [1, 3], priority: [1, 5] };
const MAX_LENGTH: Readonly<Record<string, number>> = { short_description: 160, correlation_id: 100, correlation_display: 100 };
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const problemOf = (table: string, name: string, value: string, exists: (table: string, sysId: string) => boolean): string | null => {
  const field = fieldOf(table, name);
  if (field === undefined || value === '') return null;
  const limit = MAX_LENGTH[name];
  if (limit !== undefined && value.length > limit) return `${name}: must be at most ${limit} characters`;
  if (name === 'state' && !statesOf(table).includes(value)) return `${name}: '${value}' is not a state of ${table} (${statesOf(table).join(', ')})`;
  if (field.type === 'integer' && !/^-?\d+$/.test(value)) return `${name}: '${value}' is not a whole number`;
  const range = RANGES[name];
  if (range !== undefined && (Number(value) < range[0] || Number(value) > range[1])) return `${name}: must be between ${range[0]} and ${range[1]}`;
  if (field.type === 'glide_date_time' && !DATE_TIME.test(value)) return `${name}: '${value}' is not a date-time (yyyy-MM-dd HH:mm:ss)`;
  if (field.type === 'reference' && field.reference !== undefined && !exists(field.reference, value)) return `${name}: no ${field.reference} record '${value}'`;
  return null;
};

/** What the instance refuses in a write's fields, one `<field>: <reason>` each (empty when none). */
export const fieldProblems = (table: string, fields: Readonly<Record<string, string>>, exists: (table: string, sysId: string) => boolean): ReadonlyArray<string> =>
  Object.entries(fields).flatMap(([name, value]) => problemOf(table, name, value, exists) ?? []);

/**
 * The fields with the priority the lookup rules give, where the table derives it: on insert, and
 * when a write touches impact, urgency or priority (a priority written directly is overwritten).
 */
export const withDerivedPriority = (table: string, current: SnRecord | undefined, fields: Readonly<Record<string, string>>): Readonly<Record<string, string>> => {
  const touched = current === undefined || ['impact', 'urgency', 'priority'].some((name) => name in fields);
  if (!DERIVES_PRIORITY.has(table) || !touched) return fields;
  const impact = Number(fields.impact ?? current?.impact ?? '3');
  const urgency = Number(fields.urgency ?? current?.urgency ?? '3');
  const priority = PRIORITY_LOOKUP[Math.min(3, Math.max(1, impact)) - 1]?.[Math.min(3, Math.max(1, urgency)) - 1] ?? '5';
  return { ...fields, priority };
};
