import type { SourceIssue } from '../../core/index.js';

const STATUSES = {
  todo: { rawStatus: 'Open', statusCategory: 'open' },
  inProgress: { rawStatus: 'Working', statusCategory: 'active' },
  done: { rawStatus: 'Closed', statusCategory: 'closed' },
} as const;

/** An item of the fake tracker as its adapter hands it to core; its version is its update time. */
export const anIssue = (n: number, overrides: Partial<SourceIssue> = {}): SourceIssue => {
  const base: Omit<SourceIssue, 'version'> = {
    externalId: String(10000 + n),
    key: `PROJ-${n}`,
    url: `https://acme.tracker.test/browse/PROJ-${n}`,
    title: `Issue number ${n}`,
    description: `Plain text description of issue ${n}`,
    ...STATUSES.todo,
    rawPriority: 'P3',
    projectKey: 'PROJ',
    assigneeEmail: null,
    assigneeExternalId: null,
    dueDate: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 9, 0, n % 60)),
    updatedAt: new Date(Date.UTC(2025, 0, 2, 9, 0, 0) + n * 1000),
    sourceData: { issueType: 'Task', labels: [] },
    ...overrides,
  };
  return { ...base, version: overrides.version ?? base.updatedAt.toISOString() };
};

export const trackerStatuses = STATUSES;

export const someIssues = (count: number, overrides: Partial<SourceIssue> = {}): SourceIssue[] => Array.from({ length: count }, (_, i) => anIssue(i + 1, overrides));

/** The same item, edited later in the tracker. */
export const editedLater = (issue: SourceIssue, changes: Partial<SourceIssue>, secondsLater = 60): SourceIssue => {
  const updatedAt = new Date(issue.updatedAt.getTime() + secondsLater * 1000);
  return { ...issue, ...changes, updatedAt, version: changes.version ?? updatedAt.toISOString() };
};
