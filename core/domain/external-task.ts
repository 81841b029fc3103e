import type { ConnectionId, OrganizationId, TaskId } from './ids.js';
import type { ExternalSystem } from './provider.js';
import type { UnifiedPriority, UnifiedStatus } from './field-mappings.js';

/** The mapped content of a task: everything a sync can change. */
export interface TaskContent {
  readonly key: string;
  readonly url: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: UnifiedStatus;
  readonly rawStatus: string | null;
  readonly priority: UnifiedPriority;
  readonly rawPriority: string | null;
  readonly projectKey: string | null;
  readonly internalProjectId: string | null;
  readonly assigneeEmail: string | null;
  readonly assigneeExternalId: string | null;
  readonly resourceId: string | null;
  /** Calendar date `YYYY-MM-DD`: a due date has no time or zone. */
  readonly dueDate: string | null;
  readonly externalCreatedAt: Date | null;
  readonly externalUpdatedAt: Date;
  readonly sourceData: Readonly<Record<string, unknown>>;
  readonly deletedAt: Date | null;
}

export const TASK_CONTENT_FIELDS: ReadonlyArray<keyof TaskContent> = [
  'key',
  'url',
  'title',
  'description',
  'status',
  'rawStatus',
  'priority',
  'rawPriority',
  'projectKey',
  'internalProjectId',
  'assigneeEmail',
  'assigneeExternalId',
  'resourceId',
  'dueDate',
  'externalCreatedAt',
  'externalUpdatedAt',
  'sourceData',
  'deletedAt',
];

/** A task as a sync wants it stored; the repository assigns identity on first insert. */
export interface TaskDraft extends TaskContent {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly externalSystem: ExternalSystem;
  readonly externalId: string;
  readonly lastSyncedAt: Date;
}

/** The unified copy of one work item of an external tracker. */
export interface ExternalTask extends TaskDraft {
  readonly id: TaskId;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface TaskUpsertResult {
  readonly outcome: UpsertOutcome;
  readonly task: ExternalTask;
  readonly changedFields: ReadonlyArray<keyof TaskContent>;
}
