import type { Connection } from '../../domain/connection.js';
import type { TaskDraft } from '../../domain/external-task.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import { mappedFields, type MappingInputs } from '../../domain/task-mapping.js';
import { jsonWithoutNul, withoutNul, withoutNulOrNull } from '../../domain/text-safety.js';
import { normalizeEmail } from '../../domain/user-mapping.js';

/** The raw values as the task stores them: mapping these, and not the issue's, lets stored tasks be mapped again alike. */
const storedInputs = (issue: SourceIssue): MappingInputs => ({
  rawStatus: withoutNulOrNull(issue.rawStatus),
  statusCategory: withoutNulOrNull(issue.statusCategory),
  rawPriority: withoutNulOrNull(issue.rawPriority),
  projectKey: withoutNulOrNull(issue.projectKey),
});

/** The fields that are the issue's own, unmapped. */
const issueFields = (issue: SourceIssue) => ({
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
});

/** Applies the connection's mappings to a provider issue, keeping only text the database can store. */
export const toTaskDraft = (connection: Connection, issue: SourceIssue, resourceId: string | null, syncedAt: Date): TaskDraft => {
  const raw = storedInputs(issue);
  return {
    ...issueFields(issue),
    ...raw,
    ...mappedFields(connection.mappings, raw),
    organizationId: connection.organizationId,
    connectionId: connection.id,
    externalSystem: connection.provider,
    site: connection.site,
    resourceId,
    lastSyncedAt: syncedAt,
  };
};
