import { PRIORITIES, statusById } from './catalog.js';
import type { EditableFields, IssueStore } from './issue-store.js';
import type { ChangeItem, IssueRecord } from './model.js';

const describe = (field: keyof EditableFields, value: unknown, store: Pick<IssueStore, 'user'>): readonly [string | null, string | null] => {
  if (value === null || value === undefined) return [null, null];
  if (field === 'statusId') return [String(value), statusById(String(value)).name];
  if (field === 'priorityId') return [String(value), PRIORITIES.find((p) => p.id === value)?.name ?? null];
  if (field === 'assigneeId') return [String(value), store.user(String(value))?.displayName ?? null];
  if (field === 'labels') return [null, (value as ReadonlyArray<string>).join(' ')];
  if (field === 'description') return [null, JSON.stringify(value)];
  return [null, String(value)];
};

const CHANGELOG_NAMES: Record<keyof EditableFields, string> = {
  summary: 'summary',
  description: 'description',
  statusId: 'status',
  priorityId: 'priority',
  assigneeId: 'assignee',
  labels: 'labels',
  dueDate: 'duedate',
};

/** The fields whose value would really change; Jira records (and bumps `updated`) only for those. */
export const changedFields = (issue: IssueRecord, changes: EditableFields): ReadonlyArray<keyof EditableFields> =>
  (Object.keys(changes) as Array<keyof EditableFields>).filter((f) => changes[f] !== undefined && JSON.stringify(changes[f]) !== JSON.stringify(issue[f]));

/** Jira's changelog items for an edit: ids in from/to, display values in fromString/toString. */
export const changelogItems = (
  store: Pick<IssueStore, 'user'>,
  issue: IssueRecord,
  changes: EditableFields,
  fields: ReadonlyArray<keyof EditableFields>,
): ReadonlyArray<ChangeItem> =>
  fields.map((f) => {
    const [from, fromString] = describe(f, issue[f], store);
    const [to, toString] = describe(f, changes[f], store);
    return { field: CHANGELOG_NAMES[f], fieldtype: 'jira', from, fromString, to, toString };
  });
