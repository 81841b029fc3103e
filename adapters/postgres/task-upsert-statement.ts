import type { ExternalTask } from '../../core/index.js';
import { TASK_COLUMNS, TASK_PROPERTIES, type TaskColumn } from './schema/task-columns.js';

const KEPT_ON_UPDATE = new Set(['id', 'organization_id', 'external_system', 'site', 'external_id', 'created_at']);
const quoted = (column: string) => `"${column}"`;
const columns = TASK_PROPERTIES.map((property) => TASK_COLUMNS[property]);

// Text needs no cast; jsonb stays jsonb (`->` rather than `->>`).
const valueAt = ({ kind }: TaskColumn, index: number) => (kind === 'jsonb' ? `r->${index}` : kind === 'text' ? `r->>${index}` : `(r->>${index})::${kind}`);

/**
 * Writes a whole batch in one statement from one JSON parameter: an array of rows, each an array of
 * values in column order, so the payload carries no column names and nothing is escaped into the SQL
 * text. The outcome of each row was decided beforehand on rows locked with FOR UPDATE; the `where`
 * repeats the stale-draft rule so that even a row inserted concurrently by another transaction is
 * never rolled back. The ids that come back let the caller check every row landed as decided.
 */
export const UPSERT_TASKS = `
insert into external_tasks (${columns.map((c) => quoted(c.column)).join(', ')})
select ${columns.map(valueAt).join(', ')}
from jsonb_array_elements(?::jsonb) as r
on conflict (organization_id, external_system, site, external_id) do update set
${columns
  .filter(({ column }) => !KEPT_ON_UPDATE.has(column))
  .map(({ column }) => `  ${quoted(column)} = excluded.${quoted(column)}`)
  .join(',\n')}
where external_tasks.external_updated_at <= excluded.external_updated_at and external_tasks.id = excluded.id
returning id`;

/**
 * The JSON row for UPSERT_TASKS: the values in column order; dates become ISO-8601 instants, through
 * `instant` (one `instantTexts()` per statement) when given.
 */
export const toUpsertValues = (task: ExternalTask, instant: (value: unknown) => unknown = (value) => value): ReadonlyArray<unknown> =>
  TASK_PROPERTIES.map((property) => instant(task[property]));
