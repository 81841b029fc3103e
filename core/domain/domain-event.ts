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

export type DomainEvent = ExternalTaskUpdated;
