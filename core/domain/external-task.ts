import type { DataNote } from './data-note.js';
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
  /** The provider's group of the raw status, kept so that mappings can be applied again without the tracker. */
  readonly statusCategory: string | null;
  readonly priority: UnifiedPriority;
  readonly rawPriority: string | null;
  readonly projectKey: string | null;
  readonly internalProjectId: string | null;
  /** Where the item sits within its project or tracker: a board, queue or lane (by name). */
  readonly board: string | null;
  /** The customer the item is for (a company, an account), by the tracker's short name for it. */
  readonly company: string | null;
  /** The stage of its project the item belongs to. */
  readonly phase: string | null;
  readonly assigneeEmail: string | null;
  readonly assigneeExternalId: string | null;
  readonly resourceId: string | null;
  /** Calendar date `YYYY-MM-DD`: a due date has no time or zone. */
  readonly dueDate: string | null;
  readonly externalCreatedAt: Date | null;
  readonly externalUpdatedAt: Date;
  /** The provider's version of the item this content comes from (see `SourceIssue.version`). */
  readonly sourceVersion: string;
  readonly sourceData: Readonly<Record<string, unknown>>;
  /** Values the tracker sent that could not be kept as they were (see `DataNote`); usually none. */
  readonly dataNotes: ReadonlyArray<DataNote>;
  readonly deletedAt: Date | null;
  /**
   * Set when the item still exists but the connection no longer syncs it (moved to another project,
   * or out of the filter): kept, not deleted, and cleared when it comes back into scope.
   */
  readonly outOfScopeAt: Date | null;
}

export const TASK_CONTENT_FIELDS: ReadonlyArray<keyof TaskContent> = [
  'key',
  'url',
  'title',
  'description',
  'status',
  'rawStatus',
  'statusCategory',
  'priority',
  'rawPriority',
  'projectKey',
  'internalProjectId',
  'board',
  'company',
  'phase',
  'assigneeEmail',
  'assigneeExternalId',
  'resourceId',
  'dueDate',
  'externalCreatedAt',
  'externalUpdatedAt',
  'sourceVersion',
  'sourceData',
  'dataNotes',
  'deletedAt',
  'outOfScopeAt',
];

/** Where a task comes from: one item of one tracker instance. An organization has one task per source. */
export interface TaskSource {
  readonly externalSystem: ExternalSystem;
  /** The tracker instance (see `Connection.site`). */
  readonly site: string;
  readonly externalId: string;
}

/** A task as a sync wants it stored; the repository assigns identity on first insert. */
export interface TaskDraft extends TaskContent, TaskSource {
  readonly organizationId: OrganizationId;
  /** The connection that last wrote it: several may reach one site over time, the task stays one. */
  readonly connectionId: ConnectionId;
  readonly lastSyncedAt: Date;
}

export const sameSource = (a: TaskSource, b: TaskSource): boolean =>
  a.externalSystem === b.externalSystem && a.site === b.site && a.externalId === b.externalId;

/** A text key for maps of tasks by source. */
export const sourceKey = (s: TaskSource): string => `${s.externalSystem}\u0000${s.site}\u0000${s.externalId}`;

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
  /** The task as it was before this upsert (null when it was created): the "before" of each change. */
  readonly previous: ExternalTask | null;
}
