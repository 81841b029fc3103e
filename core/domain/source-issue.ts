/**
 * One work item as a provider adapter hands it to core: already decoded and flattened, but not yet
 * mapped (status, priority, assignee and project are still the provider's own values).
 */
export interface SourceIssue {
  readonly externalId: string;
  readonly key: string;
  readonly url: string;
  readonly title: string;
  readonly description: string | null;
  readonly rawStatus: string | null;
  readonly statusCategory: string | null;
  readonly rawPriority: string | null;
  readonly projectKey: string | null;
  readonly assigneeEmail: string | null;
  readonly assigneeExternalId: string | null;
  readonly dueDate: string | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date;
  readonly sourceData: Readonly<Record<string, unknown>>;
}
