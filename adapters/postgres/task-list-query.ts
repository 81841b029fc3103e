import type { ObjectQuery } from '@mikro-orm/postgresql';
import type { OrganizationId, TaskFilter } from '../../core/index.js';
import type { TaskRecord } from './schema/external-task.schema.js';

/** The conditions of a task list; the position of the page is added by the caller. */
export const taskListConditions = (organizationId: OrganizationId, filter: TaskFilter): ObjectQuery<TaskRecord> => ({
  organizationId,
  ...(filter.includeDeleted === true ? {} : { deletedAt: null }),
  ...(filter.connectionId === undefined ? {} : { connectionId: filter.connectionId }),
  ...(filter.externalSystem === undefined ? {} : { externalSystem: filter.externalSystem }),
  ...(filter.site === undefined ? {} : { site: filter.site }),
  ...(filter.status === undefined ? {} : { status: filter.status }),
  ...(filter.assigneeEmail === undefined ? {} : { assigneeEmail: filter.assigneeEmail.toLowerCase() }),
  ...(filter.assigneeExternalId === undefined ? {} : { assigneeExternalId: filter.assigneeExternalId }),
  ...(filter.resourceId === undefined ? {} : { resourceId: filter.resourceId }),
  ...(filter.projectKey === undefined ? {} : { projectKey: filter.projectKey }),
  ...(filter.board === undefined ? {} : { board: filter.board }),
  ...(filter.company === undefined ? {} : { company: filter.company }),
  ...(filter.updatedSince === undefined ? {} : { externalUpdatedAt: { $gte: filter.updatedSince } }),
});
