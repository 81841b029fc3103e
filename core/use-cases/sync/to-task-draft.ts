import type { Connection } from '../../domain/connection.js';
import type { TaskDraft } from '../../domain/external-task.js';
import { mapPriority, mapProject, mapStatus } from '../../domain/field-mappings.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import { jsonWithoutNul, withoutNul, withoutNulOrNull } from '../../domain/text-safety.js';
import { normalizeEmail } from '../../domain/user-mapping.js';

/** Applies the connection's mappings to a provider issue, keeping only text the database can store. */
export const toTaskDraft = (
  connection: Connection,
  issue: SourceIssue,
  resourceId: string | null,
  syncedAt: Date,
): TaskDraft => ({
  organizationId: connection.organizationId,
  connectionId: connection.id,
  externalSystem: connection.provider,
  site: connection.site,
  externalId: withoutNul(issue.externalId),
  key: withoutNul(issue.key),
  url: withoutNul(issue.url),
  title: withoutNul(issue.title),
  description: withoutNulOrNull(issue.description),
  status: mapStatus(connection.mappings, issue.rawStatus, issue.statusCategory),
  rawStatus: withoutNulOrNull(issue.rawStatus),
  priority: mapPriority(connection.mappings, issue.rawPriority),
  rawPriority: withoutNulOrNull(issue.rawPriority),
  projectKey: withoutNulOrNull(issue.projectKey),
  internalProjectId: mapProject(connection.mappings, issue.projectKey),
  board: withoutNulOrNull(issue.board ?? null),
  company: withoutNulOrNull(issue.company ?? null),
  phase: withoutNulOrNull(issue.phase ?? null),
  assigneeEmail: issue.assigneeEmail === null ? null : normalizeEmail(withoutNul(issue.assigneeEmail)),
  assigneeExternalId: withoutNulOrNull(issue.assigneeExternalId),
  resourceId,
  dueDate: issue.dueDate,
  externalCreatedAt: issue.createdAt,
  externalUpdatedAt: issue.updatedAt,
  sourceVersion: withoutNul(issue.version),
  sourceData: jsonWithoutNul(issue.sourceData) as TaskDraft['sourceData'],
  dataNotes: issue.dataNotes ?? [],
  deletedAt: null,
  outOfScopeAt: null,
  lastSyncedAt: syncedAt,
});
