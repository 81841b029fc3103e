import type { Connection } from '../../domain/connection.js';
import type { TaskDraft } from '../../domain/external-task.js';
import { mapPriority, mapProject, mapStatus } from '../../domain/field-mappings.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import { normalizeEmail } from '../../domain/user-mapping.js';

/** Applies the connection's mappings to a provider issue. */
export const toTaskDraft = (
  connection: Connection,
  issue: SourceIssue,
  resourceId: string | null,
  syncedAt: Date,
): TaskDraft => ({
  organizationId: connection.organizationId,
  connectionId: connection.id,
  externalSystem: connection.provider,
  externalId: issue.externalId,
  key: issue.key,
  url: issue.url,
  title: issue.title,
  description: issue.description,
  status: mapStatus(connection.mappings, issue.rawStatus, issue.statusCategory),
  rawStatus: issue.rawStatus,
  priority: mapPriority(connection.mappings, issue.rawPriority),
  rawPriority: issue.rawPriority,
  projectKey: issue.projectKey,
  internalProjectId: mapProject(connection.mappings, issue.projectKey),
  assigneeEmail: issue.assigneeEmail === null ? null : normalizeEmail(issue.assigneeEmail),
  assigneeExternalId: issue.assigneeExternalId,
  resourceId,
  dueDate: issue.dueDate,
  externalCreatedAt: issue.createdAt,
  externalUpdatedAt: issue.updatedAt,
  sourceData: issue.sourceData,
  deletedAt: null,
  lastSyncedAt: syncedAt,
});
