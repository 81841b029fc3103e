/**
 * Jira's fixed vocabulary as the simulator serves it. Status-category ids, keys, names and colours
 * are Jira's own (shared/fixtures/providers/jira/statuscategories.json); the rest is a plausible
 * default site configuration.
 */
export interface StatusCategory {
  readonly id: number;
  readonly key: 'new' | 'indeterminate' | 'done';
  readonly colorName: string;
  readonly name: string;
}

export interface Status {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly icon: string;
  readonly category: StatusCategory;
  /** The transition that leads to this status in the simplified workflow (see workflows.ts for the others). */
  readonly transitionId: string;
  readonly transitionName: string;
}

export interface Named {
  readonly id: string;
  readonly name: string;
}

export interface IssueType extends Named {
  readonly description: string;
  readonly icon: string;
  readonly hierarchyLevel: number;
}

const TODO: StatusCategory = { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' };
const IN_PROGRESS: StatusCategory = { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' };
const DONE: StatusCategory = { id: 3, key: 'done', colorName: 'green', name: 'Done' };

export const STATUS_CATEGORIES: ReadonlyArray<StatusCategory> = [TODO, IN_PROGRESS, DONE];

export const STATUSES: ReadonlyArray<Status> = [
  { id: '10000', name: 'To Do', description: '', icon: '', category: TODO, transitionId: '11', transitionName: 'To Do' },
  {
    id: '3',
    name: 'In Progress',
    description: 'This issue is being actively worked on at the moment by the assignee.',
    icon: 'images/icons/statuses/inprogress.png',
    category: IN_PROGRESS,
    transitionId: '21',
    transitionName: 'Start Progress',
  },
  { id: '10001', name: 'In Review', description: '', icon: '', category: IN_PROGRESS, transitionId: '31', transitionName: 'Request Review' },
  { id: '10002', name: 'Done', description: '', icon: '', category: DONE, transitionId: '41', transitionName: 'Done' },
];

export const PRIORITIES: ReadonlyArray<Named> = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

export const ISSUE_TYPES: ReadonlyArray<IssueType> = [
  { id: '10000', name: 'Epic', description: 'A big user story that needs to be broken down.', icon: 'epic.svg', hierarchyLevel: 1 },
  { id: '10001', name: 'Story', description: 'Functionality or a feature expressed as a user goal.', icon: 'story.svg', hierarchyLevel: 0 },
  { id: '10002', name: 'Task', description: 'A small, distinct piece of work.', icon: 'task.svg', hierarchyLevel: 0 },
  { id: '10003', name: 'Bug', description: 'A problem or error.', icon: 'bug.svg', hierarchyLevel: 0 },
];

export const DONE_RESOLUTION = { id: '10000', name: 'Done', description: 'Work has taken place and is now complete.' };

export const LABELS: ReadonlyArray<string> = ['backend', 'frontend', 'customer', 'urgent', 'tech-debt', 'security'];

const byIdOrName = <T extends Named>(items: ReadonlyArray<T>, value: { id?: unknown; name?: unknown }): T | undefined =>
  items.find((item) => item.id === value.id || (typeof value.name === 'string' && item.name.toLowerCase() === value.name.toLowerCase()));

export const findPriority = (value: { id?: unknown; name?: unknown }) => byIdOrName(PRIORITIES, value);
export const findIssueType = (value: { id?: unknown; name?: unknown }) => byIdOrName(ISSUE_TYPES, value);
export const statusById = (id: string): Status => STATUSES.find((s) => s.id === id) ?? (STATUSES[0] as Status);
