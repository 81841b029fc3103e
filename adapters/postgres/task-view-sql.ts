import { TASK_COLUMNS, TASK_PROPERTIES, type TaskColumn } from './schema/task-columns.js';

/** What `taskView` leaves out of a task: the tracker's raw data and the tenant. */
const HIDDEN = new Set(['sourceData', 'organizationId']);

// Instants exactly as Date.prototype.toISOString writes them (milliseconds, `Z`): rows hold what a Date held.
const valueOf = ({ column, kind }: TaskColumn, alias: string) => {
  const at = `${alias}."${column}"`;
  if (kind === 'timestamptz') return `to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  if (kind === 'date') return `to_char(${at}, 'YYYY-MM-DD')`;
  return at;
};

/**
 * The JSON of core's `taskView` built from a row of `external_tasks` aliased `alias`: the same
 * members, named as the task's properties, from the one list of columns (a new column joins it).
 */
export const taskViewSql = (alias: string): string =>
  `jsonb_build_object(${TASK_PROPERTIES.filter((property) => !HIDDEN.has(property))
    .map((property) => `'${property}', ${valueOf(TASK_COLUMNS[property], alias)}`)
    .join(', ')})`;
