import type { TaskRecord } from './schema/external-task.schema.js';

/** Every column of external_tasks with its SQL type, in the order the statement lists them. */
const COLUMNS: ReadonlyArray<readonly [keyof TaskRecord, string, string]> = [
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

/**
 * Writes a whole batch in one statement from one JSON parameter. The outcome of each row was
 * decided beforehand on rows locked with FOR UPDATE; the `where` repeats the stale-draft rule so
 * that even a row inserted concurrently by another transaction is never rolled back. The ids that
 * come back let the caller check every row landed as decided.
 */
export const UPSERT_TASKS = `
insert into external_tasks (${columnList})
select ${columnList}
from json_to_recordset(?::json) as r(${COLUMNS.map(([, column, type]) => `${quoted(column)} ${type}`).join(', ')})
on conflict (organization_id, external_system, external_id) do update set
${COLUMNS.filter(([, column]) => !KEPT_ON_UPDATE.has(column))
  .map(([, column]) => `  ${quoted(column)} = excluded.${quoted(column)}`)
  .join(',\n')}
where external_tasks.external_updated_at <= excluded.external_updated_at
returning id`;

/** The JSON row for `json_to_recordset`: column names as keys; dates become ISO-8601 instants. */
export const toUpsertRow = (record: TaskRecord): Record<string, unknown> =>
  Object.fromEntries(COLUMNS.map(([property, column]) => [column, record[property]]));
