import type { Connection } from '../../domain/connection.js';
import type { TaskDraft } from '../../domain/external-task.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import { mappedFields, type MappingInputs } from '../../domain/task-mapping.js';
import { jsonWithoutNul, withoutNul, withoutNulOrNull } from '../../domain/text-safety.js';
import { normalizeEmail } from '../../domain/user-mapping.js';

/**
 * Applies the connection's mappings to a provider issue, keeping only text the database can store.
 * The mapping reads the raw values as the task stores them (NUL dropped), not the issue's, so that
 * stored tasks can be mapped again alike. One object per item, built in one go: every synced item
 * comes through here.
 */
export const toTaskDraft = (connection: Connection, issue: SourceIssue, resourceId: string | null, syncedAt: Date): TaskDraft => {
  const raw: MappingInputs = {
    rawStatus: withoutNulOrNull(issue.rawStatus),
    statusCategory: withoutNulOrNull(issue.statusCategory),
    rawPriority: withoutNulOrNull(issue.rawPriority),
    projectKey: withoutNulOrNull(issue.projectKey),
  };
  const mapped = mappedFields(connection.mappings, raw);
  return {
    externalId: withoutNul(issue.externalId),
    key: withoutNul(issue.key),
    url: withoutNul(issue.url),
    title: withoutNul(issue.title),
    description: withoutNulOrNull(issue.description),
    board: withoutNulOrNull(issue.board ?? null),
    company: withoutNulOrNull(issue.company ?? null),
    phase: withoutNulOrNull(issue.phase ?? null),
    assigneeEmail: issue.assigneeEmail === null ? null : normalizeEmail(withoutNul(issue.assigneeEmail)),
    assigneeExternalId: withoutNulOrNull(issue.assigneeExternalId),
    dueDate: issue.dueDate,
    externalCreatedAt: issue.createdAt,
    externalUpdatedAt: issue.updatedAt,
    sourceVersion: withoutNul(issue.version),
    sourceData: jsonWithoutNul(issue.sourceData) as TaskDraft['sourceData'],
    dataNotes: issue.dataNotes ?? [],
    deletedAt: null,
    outOfScopeAt: null,
    rawStatus: raw.rawStatus,
    statusCategory: raw.statusCategory,
    rawPriority: raw.rawPriority,
    projectKey: raw.projectKey,
    status: mapped.status,
    priority: mapped.priority,
    internalProjectId: mapped.internalProjectId,
    organizationId: connection.organizationId,
    connectionId: connection.id,
    externalSystem: connection.provider,
    site: connection.site,
    resourceId,
    lastSyncedAt: syncedAt,
  };
};
