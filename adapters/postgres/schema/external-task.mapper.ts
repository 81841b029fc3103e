import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { asEntityId, asOrganizationId, type ExternalTask, type PersistenceFailure } from '../../../core/index.js';
import type { TaskRecord } from './external-task.schema.js';
import { decodeSourceData } from './json-columns.js';

export const toTaskRecord = (task: ExternalTask): TaskRecord => ({
  id: task.id,
  organizationId: task.organizationId,
  connectionId: task.connectionId,
  externalSystem: task.externalSystem,
  externalId: task.externalId,
  key: task.key,
  url: task.url,
  title: task.title,
  description: task.description,
  status: task.status,
  rawStatus: task.rawStatus,
  priority: task.priority,
  rawPriority: task.rawPriority,
  projectKey: task.projectKey,
  internalProjectId: task.internalProjectId,
  assigneeEmail: task.assigneeEmail,
  assigneeExternalId: task.assigneeExternalId,
  resourceId: task.resourceId,
  dueDate: task.dueDate,
  externalCreatedAt: task.externalCreatedAt,
  externalUpdatedAt: task.externalUpdatedAt,
  sourceData: task.sourceData,
  deletedAt: task.deletedAt,
  lastSyncedAt: task.lastSyncedAt,
  createdAt: task.createdAt,
  updatedAt: task.updatedAt,
});

export const toExternalTask = (r: TaskRecord): E.Either<PersistenceFailure, ExternalTask> =>
  pipe(
    decodeSourceData(r.sourceData),
    E.map((sourceData) => ({
      ...r,
      id: asEntityId(r.id),
      organizationId: asOrganizationId(r.organizationId),
      connectionId: asEntityId(r.connectionId),
      sourceData,
    })),
  );

export const toExternalTasks = (records: ReadonlyArray<TaskRecord>): E.Either<PersistenceFailure, ReadonlyArray<ExternalTask>> =>
  E.traverseArray(toExternalTask)(records);
