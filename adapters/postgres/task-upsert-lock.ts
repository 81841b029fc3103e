import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrganizationId, TaskDraft } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import type { TaskRecord } from './schema/external-task.schema.js';

// Each row comes back as JSON, so instants arrive as ISO-8601 and dates as YYYY-MM-DD whatever the
// session's DateStyle, and nothing goes through the ORM's hydration.
// One `external_id = any(...)` per system keeps it a scan of the unique index whatever the table's size.
const lockExisting = (systems: number) => `
select row_to_json(t) as task
from external_tasks t
where t.organization_id = ?
  and (${Array.from({ length: systems }, () => '(t.external_system = ? and t.external_id = any(?::text[]))').join(' or ')})
order by t.id
for update of t`;

interface TaskRow {
  readonly id: string;
  readonly organization_id: string;
  readonly connection_id: string;
  readonly external_system: TaskRecord['externalSystem'];
  readonly external_id: string;
  readonly key: string;
  readonly url: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: TaskRecord['status'];
  readonly raw_status: string | null;
  readonly priority: TaskRecord['priority'];
  readonly raw_priority: string | null;
  readonly project_key: string | null;
  readonly internal_project_id: string | null;
  readonly assignee_email: string | null;
  readonly assignee_external_id: string | null;
  readonly resource_id: string | null;
  readonly due_date: string | null;
  readonly external_created_at: string | null;
  readonly external_updated_at: string;
  readonly source_data: unknown;
  readonly deleted_at: string | null;
  readonly last_synced_at: string;
  readonly created_at: string;
  readonly updated_at: string;
}

const instant = (text: string | null): Date | null => (text === null ? null : new Date(text));

const toRecord = (row: TaskRow): TaskRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  connectionId: row.connection_id,
  externalSystem: row.external_system,
  externalId: row.external_id,
  key: row.key,
  url: row.url,
  title: row.title,
  description: row.description,
  status: row.status,
  rawStatus: row.raw_status,
  priority: row.priority,
  rawPriority: row.raw_priority,
  projectKey: row.project_key,
  internalProjectId: row.internal_project_id,
  assigneeEmail: row.assignee_email,
  assigneeExternalId: row.assignee_external_id,
  resourceId: row.resource_id,
  dueDate: row.due_date,
  externalCreatedAt: instant(row.external_created_at),
  externalUpdatedAt: new Date(row.external_updated_at),
  sourceData: row.source_data,
  deletedAt: instant(row.deleted_at),
  lastSyncedAt: new Date(row.last_synced_at),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/** The stored rows of the batch, in one statement, locked (in id order) until the transaction ends. */
export const lockStoredRows = async (tx: EntityManager, organizationId: OrganizationId, drafts: ReadonlyArray<TaskDraft>): Promise<TaskRecord[]> => {
  const idsBySystem = new Map<string, string[]>();
  for (const d of drafts) idsBySystem.set(d.externalSystem, [...(idsBySystem.get(d.externalSystem) ?? []), d.externalId]);
  const rows = await executeBound<{ task: TaskRow }>(tx, lockExisting(idsBySystem.size), [organizationId, ...[...idsBySystem].flat()]);
  return rows.map((row) => toRecord(row.task));
};
