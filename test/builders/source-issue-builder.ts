import type { SourceIssue } from '../../core/index.js';

const STATUSES = {
  todo: { rawStatus: 'To Do', statusCategory: 'new' },
  inProgress: { rawStatus: 'In Progress', statusCategory: 'indeterminate' },
  done: { rawStatus: 'Done', statusCategory: 'done' },
} as const;

/** A Jira-shaped issue as the Jira adapter hands it to core. */
export const aJiraIssue = (n: number, overrides: Partial<SourceIssue> = {}): SourceIssue => ({
  externalId: String(10000 + n),
  key: `PROJ-${n}`,
  url: `https://acme.atlassian.net/browse/PROJ-${n}`,
  title: `Issue number ${n}`,
  description: `Plain text description of issue ${n}`,
  ...STATUSES.todo,
  rawPriority: 'Medium',
  projectKey: 'PROJ',
  assigneeEmail: null,
  assigneeExternalId: null,
  dueDate: null,
  createdAt: new Date(Date.UTC(2025, 0, 1, 9, 0, n % 60)),
  updatedAt: new Date(Date.UTC(2025, 0, 2, 9, 0, 0) + n * 1000),
  sourceData: { issueType: 'Task', labels: [] },
  ...overrides,
});

export const jiraStatuses = STATUSES;

export const someJiraIssues = (count: number, overrides: Partial<SourceIssue> = {}): SourceIssue[] =>
  Array.from({ length: count }, (_, i) => aJiraIssue(i + 1, overrides));

/** The same issue, edited later in the tracker. */
export const editedLater = (issue: SourceIssue, changes: Partial<SourceIssue>, secondsLater = 60): SourceIssue => ({
  ...issue,
  ...changes,
  updatedAt: new Date(issue.updatedAt.getTime() + secondsLater * 1000),
});
