import type { SourceIssue } from '../../domain/source-issue.js';
import { normalizeEmail, type ExternalUserMapping } from '../../domain/user-mapping.js';
import type { AssigneeIdentities } from '../../ports/user-mapping-repository.js';

/** Who an item or a task is assigned to, as its tracker names them. */
export type Assignee = Pick<SourceIssue, 'assigneeEmail' | 'assigneeExternalId'>;

export const assigneeIdentities = (issues: ReadonlyArray<Assignee>): AssigneeIdentities => ({
  emails: [...new Set(issues.flatMap((i) => (i.assigneeEmail === null ? [] : [normalizeEmail(i.assigneeEmail)])))],
  externalUserIds: [...new Set(issues.flatMap((i) => (i.assigneeExternalId === null ? [] : [i.assigneeExternalId])))],
});

/**
 * Resolves an assignee to an internal resource: by e-mail first, then by the tracker's user id,
 * which is all some trackers reveal when privacy settings hide the e-mail.
 */
export const assigneeResolver = (mappings: ReadonlyArray<ExternalUserMapping>) => {
  const byEmail = new Map(mappings.map((m) => [m.externalEmail, m.resourceId]));
  const byUserId = new Map(mappings.flatMap((m) => (m.externalUserId === null ? [] : [[m.externalUserId, m.resourceId] as const])));
  return (issue: Assignee): string | null =>
    (issue.assigneeEmail === null ? undefined : byEmail.get(normalizeEmail(issue.assigneeEmail))) ??
    (issue.assigneeExternalId === null ? undefined : byUserId.get(issue.assigneeExternalId)) ??
    null;
};
