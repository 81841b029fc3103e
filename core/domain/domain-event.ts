import type { ExternalTask, TaskContent } from './external-task.js';
import type { OrganizationId } from './ids.js';

export interface ExternalTaskUpdated {
  readonly type: 'external_task.updated';
  readonly organizationId: OrganizationId;
  readonly change: 'created' | 'updated';
  readonly task: ExternalTask;
  readonly changedFields: ReadonlyArray<keyof TaskContent>;
  readonly occurredAt: Date;
}

/** The work item was deleted in its tracker; the task is kept, marked with `deletedAt`. */
export interface ExternalTaskDeleted {
  readonly type: 'external_task.deleted';
  readonly organizationId: OrganizationId;
  readonly change: 'deleted';
  readonly task: ExternalTask;
  readonly changedFields: ReadonlyArray<keyof TaskContent>;
  readonly occurredAt: Date;
}

export type DomainEvent = ExternalTaskUpdated | ExternalTaskDeleted;
