import { EntitySchema } from '@mikro-orm/postgresql';
import type { ExternalSystem, UnifiedPriority, UnifiedStatus } from '../../../core/index.js';
import { priorityColumn, providerColumn, statusColumn } from './enum-columns.js';

/** A row of `external_tasks`. */
export interface TaskRecord {
  id: string;
  organizationId: string;
  connectionId: string;
  externalSystem: ExternalSystem;
  externalId: string;
  key: string;
  url: string;
  title: string;
  description: string | null;
  status: UnifiedStatus;
  rawStatus: string | null;
  priority: UnifiedPriority;
  rawPriority: string | null;
  projectKey: string | null;
  internalProjectId: string | null;
  assigneeEmail: string | null;
  assigneeExternalId: string | null;
  resourceId: string | null;
  /** `YYYY-MM-DD`: the driver hands `date` columns over as text, untouched by time zones. */
  dueDate: string | null;
  externalCreatedAt: Date | null;
  externalUpdatedAt: Date;
  sourceData: unknown;
  deletedAt: Date | null;
  lastSyncedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;
const optionalText = { type: 'text', nullable: true } as const;

const listIndex = (name: string, columns: ReadonlyArray<string>) => ({
  name,
  expression: `create index ${name} on external_tasks (${['organization_id', ...columns, 'external_updated_at desc', 'id desc'].join(', ')})`,
});

export const TaskSchema = new EntitySchema<TaskRecord>({
  name: 'TaskRecord',
  tableName: 'external_tasks',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'text' },
    connectionId: { type: 'uuid' },
    externalSystem: providerColumn,
    externalId: { type: 'text' },
    key: { type: 'text' },
    url: { type: 'text' },
    title: { type: 'text' },
    description: optionalText,
    status: statusColumn,
    rawStatus: optionalText,
    priority: priorityColumn,
    rawPriority: optionalText,
    projectKey: optionalText,
    internalProjectId: optionalText,
    assigneeEmail: optionalText,
    assigneeExternalId: optionalText,
    resourceId: optionalText,
    dueDate: { type: 'date', nullable: true },
    externalCreatedAt: { ...timestamp, nullable: true },
    externalUpdatedAt: timestamp,
    sourceData: { type: 'json', columnType: 'jsonb' },
    deletedAt: { ...timestamp, nullable: true },
    lastSyncedAt: timestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
  },
  uniques: [{ name: 'external_tasks_org_system_external_id_unique', properties: ['organizationId', 'externalSystem', 'externalId'] }],
  // Every list index ends in the list order, so a filtered page is one range scan.
  indexes: [
    listIndex('external_tasks_list_idx', []),
    listIndex('external_tasks_connection_idx', ['connection_id']),
    listIndex('external_tasks_status_idx', ['status']),
    listIndex('external_tasks_assignee_idx', ['assignee_email']),
    // Resolving issue keys (migration 0011).
    { name: 'external_tasks_key_idx', properties: ['organizationId', 'key'] },
  ],
});
