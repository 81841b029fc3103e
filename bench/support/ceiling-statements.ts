import type { ExternalTask } from '../../core/index.js';
import { TASK_COLUMNS as TASK_COLUMNS_BY_PROPERTY, TASK_PROPERTIES } from '../../adapters/postgres/schema/task-columns.js';

/**
 * Plain-SQL statements for the ceilings and the naive baseline: no ORM, no adapter code. The
 * columns are the task record's one list (adapters/postgres/schema/task-columns.ts).
 */
export const TASK_COLUMNS: ReadonlyArray<readonly [string, string, keyof ExternalTask]> = TASK_PROPERTIES.map((property) => [
  TASK_COLUMNS_BY_PROPERTY[property].column,
  TASK_COLUMNS_BY_PROPERTY[property].kind,
  property,
]);
const EVENT_ONLY: ReadonlyArray<readonly [string, string, string?]> = [
  ['idempotency_key', 'text'],
  ['kind', 'text'],
  ['processed_at', 'timestamptz'],
];

export const TASK_COLUMN_NAMES = TASK_COLUMNS.map(([name]) => name);
const list = (names: ReadonlyArray<string>, prefix = '') => names.map((n) => `${prefix}"${n}"`).join(', ');
const UPDATED = TASK_COLUMN_NAMES.filter((n) => !['id', 'organization_id', 'external_system', 'site', 'external_id', 'created_at'].includes(n));
const ON_CONFLICT = `on conflict (organization_id, external_system, site, external_id) do update set
  ${UPDATED.map((n) => `"${n}" = excluded."${n}"`).join(', ')}
  where external_tasks.external_updated_at <= excluded.external_updated_at`;

/** Every column a batch row carries, in the order of its values. */
export const BATCH_COLUMN_NAMES = [...TASK_COLUMNS, ...EVENT_ONLY].map(([name]) => name);

const valueAt = ([name, type]: readonly [string, string, unknown?], i: number) =>
  `${type === 'jsonb' ? `r->${i}` : type === 'text' ? `r->>${i}` : `(r->>${i})::${type}`} as "${name}"`;

/**
 * The write-only ceiling: a whole batch in one statement and one round trip, from one JSON
 * parameter (rows as arrays of values, which measured faster than objects and `json_to_recordset`):
 * the events whose key is new, and the tasks of exactly those events.
 */
export const BATCH_EVENTS_AND_TASKS = `
with r as (
  select ${[...TASK_COLUMNS, ...EVENT_ONLY].map(valueAt).join(', ')} from jsonb_array_elements($1::jsonb) as r
), fresh as (
  insert into external_task_events (idempotency_key, organization_id, connection_id, external_id, kind, processed_at)
  select idempotency_key, organization_id, connection_id, external_id, kind, processed_at from r
  on conflict (organization_id, idempotency_key) do nothing
  returning idempotency_key
)
insert into external_tasks (${list(TASK_COLUMN_NAMES)})
select ${list(TASK_COLUMN_NAMES, 'r.')} from r join fresh using (idempotency_key)
${ON_CONFLICT}`;

export const NAIVE_EVENT = `
insert into external_task_events (idempotency_key, organization_id, connection_id, external_id, kind, processed_at)
values ($1, $2, $3, $4, $5, $6) on conflict (organization_id, idempotency_key) do nothing returning idempotency_key`;

export const NAIVE_TASK = `
insert into external_tasks (${list(TASK_COLUMN_NAMES)})
values (${TASK_COLUMNS.map(([, type], i) => `$${i + 1}::${type}`).join(', ')})
${ON_CONFLICT}`;
