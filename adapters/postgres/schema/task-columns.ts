import { UnifiedPriorityCodec, UnifiedStatusCodec, type ExternalTask } from '../../../core/index.js';

export type ColumnKind = 'uuid' | 'text' | 'date' | 'timestamptz' | 'jsonb';

export interface TaskColumn {
  readonly column: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  /** A text column limited to these values by a check constraint. */
  readonly values?: ReadonlyArray<string>;
}

const column = (name: string, kind: ColumnKind, nullable = false, values?: ReadonlyArray<string>): TaskColumn => ({
  column: name,
  kind,
  nullable,
  ...(values === undefined ? {} : { values }),
});

/**
 * The one list of the task record's columns. Its type requires one entry per property of
 * `ExternalTask`, so a new property does not compile until it has a column; the entity schema, the
 * upsert statement and the locked-row reader are all made from this list.
 */
export const TASK_COLUMNS: { readonly [K in keyof ExternalTask]-?: TaskColumn } = {
  id: column('id', 'uuid'),
  organizationId: column('organization_id', 'text'),
  connectionId: column('connection_id', 'uuid'),
  externalSystem: column('external_system', 'text'),
  site: column('site', 'text'),
  externalId: column('external_id', 'text'),
  key: column('key', 'text'),
  url: column('url', 'text'),
  title: column('title', 'text'),
  description: column('description', 'text', true),
  status: column('status', 'text', false, Object.keys(UnifiedStatusCodec.keys)),
  rawStatus: column('raw_status', 'text', true),
  statusCategory: column('status_category', 'text', true),
  priority: column('priority', 'text', false, Object.keys(UnifiedPriorityCodec.keys)),
  rawPriority: column('raw_priority', 'text', true),
  projectKey: column('project_key', 'text', true),
  internalProjectId: column('internal_project_id', 'text', true),
  board: column('board', 'text', true),
  company: column('company', 'text', true),
  phase: column('phase', 'text', true),
  assigneeEmail: column('assignee_email', 'text', true),
  assigneeExternalId: column('assignee_external_id', 'text', true),
  resourceId: column('resource_id', 'text', true),
  dueDate: column('due_date', 'date', true),
  externalCreatedAt: column('external_created_at', 'timestamptz', true),
  externalUpdatedAt: column('external_updated_at', 'timestamptz'),
  sourceVersion: column('source_version', 'text'),
  sourceData: column('source_data', 'jsonb'),
  dataNotes: column('data_notes', 'jsonb'),
  deletedAt: column('deleted_at', 'timestamptz', true),
  outOfScopeAt: column('out_of_scope_at', 'timestamptz', true),
  lastSyncedAt: column('last_synced_at', 'timestamptz'),
  createdAt: column('created_at', 'timestamptz'),
  updatedAt: column('updated_at', 'timestamptz'),
};

export const TASK_PROPERTIES = Object.keys(TASK_COLUMNS) as ReadonlyArray<keyof ExternalTask>;

/** A row of `external_tasks` as the database holds it: ids as plain text, JSON not yet decoded. */
export type TaskRecord = Omit<ExternalTask, 'id' | 'organizationId' | 'connectionId' | 'sourceData' | 'dataNotes'> & {
  id: string;
  organizationId: string;
  connectionId: string;
  sourceData: unknown;
  dataNotes: unknown;
};

/** The natural key of a task, in the unique constraint's column order. */
export const TASK_SOURCE_UNIQUE = 'external_tasks_org_system_site_external_id_unique';

/**
 * A row as `row_to_json` answers it (columns by name, instants as ISO-8601, dates as YYYY-MM-DD
 * whatever the session's DateStyle) turned into a record.
 */
export const recordFromRowJson = (row: Readonly<Record<string, unknown>>): TaskRecord =>
  Object.fromEntries(
    TASK_PROPERTIES.map((property) => {
      const { column: name, kind } = TASK_COLUMNS[property];
      const value = row[name] ?? null;
      return [property, kind === 'timestamptz' && typeof value === 'string' ? new Date(value) : value];
    }),
  ) as TaskRecord;
