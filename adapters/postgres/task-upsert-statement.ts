import type { ExternalTask } from '../../core/index.js';

/** Every column of external_tasks with its SQL type, in the order the statement lists them. */
const COLUMNS: ReadonlyArray<readonly [keyof ExternalTask, string, string]> = [
  ['id', 'id', 'uuid'],
  ['organizationId', 'organization_id', 'text'],
  ['connectionId', 'connection_id', 'uuid'],
  ['externalSystem', 'external_system', 'text'],
  ['externalId', 'external_id', 'text'],
  ['key', 'key', 'text'],
  ['url', 'url', 'text'],
  ['title', 'title', 'text'],
  ['description', 'description', 'text'],
  ['status', 'status', 'text'],
  ['rawStatus', 'raw_status', 'text'],
  ['priority', 'priority', 'text'],
  ['rawPriority', 'raw_priority', 'text'],
  ['projectKey', 'project_key', 'text'],
  ['internalProjectId', 'internal_project_id', 'text'],
  ['assigneeEmail', 'assignee_email', 'text'],
  ['assigneeExternalId', 'assignee_external_id', 'text'],
  ['resourceId', 'resource_id', 'text'],
  ['dueDate', 'due_date', 'date'],
  ['externalCreatedAt', 'external_created_at', 'timestamptz'],
  ['externalUpdatedAt', 'external_updated_at', 'timestamptz'],
  ['sourceData', 'source_data', 'jsonb'],
  ['deletedAt', 'deleted_at', 'timestamptz'],
  ['lastSyncedAt', 'last_synced_at', 'timestamptz'],
  ['createdAt', 'created_at', 'timestamptz'],
  ['updatedAt', 'updated_at', 'timestamptz'],
];

const KEPT_ON_UPDATE = new Set(['id', 'organization_id', 'external_system', 'external_id', 'created_at']);
const quoted = (column: string) => `"${column}"`;
const columnList = COLUMNS.map(([, column]) => quoted(column)).join(', ');

// Text needs no cast; jsonb stays jsonb (`->` rather than `->>`).
const valueAt = ([, , type]: readonly [keyof ExternalTask, string, string], index: number) =>
  type === 'jsonb' ? `r->${index}` : type === 'text' ? `r->>${index}` : `(r->>${index})::${type}`;

/**
 * Writes a whole batch in one statement from one JSON parameter: an array of rows, each an array of
 * values in column order, so the payload carries no column names and nothing is escaped into the SQL
 * text. The outcome of each row was decided beforehand on rows locked with FOR UPDATE; the `where`
 * repeats the stale-draft rule so that even a row inserted concurrently by another transaction is
 * never rolled back. The ids that come back let the caller check every row landed as decided.
 */
export const UPSERT_TASKS = `
insert into external_tasks (${columnList})
select ${COLUMNS.map(valueAt).join(', ')}
from jsonb_array_elements(?::jsonb) as r
on conflict (organization_id, external_system, external_id) do update set
${COLUMNS.filter(([, column]) => !KEPT_ON_UPDATE.has(column))
  .map(([, column]) => `  ${quoted(column)} = excluded.${quoted(column)}`)
  .join(',\n')}
where external_tasks.external_updated_at <= excluded.external_updated_at
returning id`;

/** The JSON row for UPSERT_TASKS: the values in column order; dates become ISO-8601 instants. */
export const toUpsertValues = (task: ExternalTask): ReadonlyArray<unknown> => COLUMNS.map(([property]) => task[property]);
