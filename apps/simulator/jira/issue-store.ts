import { changedFields, changelogItems } from './changelog.js';
import { byUpdatedThenKey, type ChangeItem, type IssueChange, type IssueRecord, type SimProject, type SimUser } from './model.js';

export type EditableFields = Partial<Pick<IssueRecord, 'summary' | 'description' | 'statusId' | 'priorityId' | 'assigneeId' | 'labels' | 'dueDate'>>;

export interface NewIssue extends EditableFields {
  readonly projectKey: string;
  readonly issueTypeId: string;
  readonly summary: string;
  readonly reporterId: string;
}

/** A position in the (updated, key) order, as a search page token remembers it. */
export interface SortPosition {
  readonly updated: number;
  readonly projectKey: string;
  readonly number: number;
}

/**
 * The simulated site's issues, always sorted by (updated, key), which is the order incremental syncs
 * ask for: a page is a binary search plus a short scan, even with 100,000 issues.
 */
export interface IssueStore {
  readonly seed: number;
  /** The share of seeded descriptions that are rich ones (see richDescription). */
  readonly richDescriptionShare: number;
  readonly users: ReadonlyArray<SimUser>;
  readonly projects: ReadonlyArray<SimProject>;
  readonly size: () => number;
  readonly sorted: () => ReadonlyArray<IssueRecord>;
  readonly find: (idOrKey: string) => IssueRecord | undefined;
  /** Moves on every change to the issue, silent ones (touch, plant) included: what a render cache keys on. */
  readonly version: (issue: IssueRecord) => number;
  readonly user: (accountId: string | null) => SimUser | undefined;
  readonly project: (keyOrId: string) => SimProject | undefined;
  /** Index of the first issue whose position is after `position` (or at/after `updated` alone). */
  readonly indexAfter: (position: SortPosition) => number;
  readonly indexAtOrAfterUpdated: (updated: number) => number;
  readonly create: (input: NewIssue) => IssueRecord;
  /** Applies the changes; answers Jira's changelog items, empty (and no new `updated`) when nothing changed. */
  readonly update: (issue: IssueRecord, changes: EditableFields) => ReadonlyArray<ChangeItem>;
  /**
   * Moves the issue to another project, as Jira's move does: a new key in that project, the same id;
   * the old key still finds it. Answers the changelog items (Key, project), empty for its own project.
   */
  readonly move: (issue: IssueRecord, projectKey: string) => ReadonlyArray<ChangeItem>;
  /** Deletes the issue for good, as Jira does; its id and key then name nothing. */
  readonly remove: (issue: IssueRecord) => void;
  readonly onChange: (listener: (change: IssueChange) => void) => () => void;
  /**
   * Edits every issue's summary at one new `updated` instant, in one pass, for benchmarks of a sync
   * where everything changed. Bulk and silent: no changelog, no listeners. Answers how many.
   */
  readonly touchAll: () => number;
  /**
   * Writes values as a broken (or hostile) site would serve them, unchecked: any summary and due
   * date text, any `updated` instant. Silent: no changelog, no listeners.
   */
  readonly plant: (issue: IssueRecord, values: PlantedValues) => void;
}

/** What `plant` may write. */
export interface PlantedValues {
  readonly summary?: string;
  readonly dueDate?: string | null;
  readonly updated?: number;
}

const lowerBound = (items: ReadonlyArray<IssueRecord>, isBefore: (item: IssueRecord) => boolean): number => {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isBefore(items[mid] as IssueRecord)) low = mid + 1;
    else high = mid;
  }
  return low;
};

const asProbe = (p: SortPosition) => ({ updated: p.updated, projectKey: p.projectKey, number: p.number }) as IssueRecord;

export const createIssueStore = (
  init: { seed: number; richDescriptionShare?: number; users: ReadonlyArray<SimUser>; projects: ReadonlyArray<SimProject>; issues: IssueRecord[] },
  now: () => number,
): IssueStore => {
  const sorted = [...init.issues].sort(byUpdatedThenKey);
  const byId = new Map(sorted.map((i) => [String(i.id), i]));
  const byKey = new Map(sorted.map((i) => [i.key, i]));
  const users = new Map(init.users.map((u) => [u.accountId, u]));
  const listeners = new Set<(change: IssueChange) => void>();
  const versions = new WeakMap<IssueRecord, number>();
  const revise = (issue: IssueRecord) => versions.set(issue, (versions.get(issue) ?? 0) + 1);
  let nextId = sorted.reduce((max, i) => Math.max(max, i.id), 9999) + 1;
  let touches = 0;

  const insertSorted = (issue: IssueRecord) => sorted.splice(lowerBound(sorted, (i) => byUpdatedThenKey(i, issue) < 0), 0, issue);
  const emit = (change: IssueChange) => listeners.forEach((listener) => listener(change));
  const lastNumbers = new Map<string, number>();
  for (const i of sorted) lastNumbers.set(i.projectKey, Math.max(lastNumbers.get(i.projectKey) ?? 0, i.number));
  const nextNumber = (projectKey: string) => {
    const number = (lastNumbers.get(projectKey) ?? 0) + 1;
    lastNumbers.set(projectKey, number);
    return number;
  };

  const store: IssueStore = {
    seed: init.seed,
    richDescriptionShare: init.richDescriptionShare ?? 0,
    users: init.users,
    projects: init.projects,
    size: () => sorted.length,
    sorted: () => sorted,
    find: (idOrKey) => byId.get(idOrKey) ?? byKey.get(idOrKey.toUpperCase()),
    version: (issue) => versions.get(issue) ?? 0,
    user: (accountId) => (accountId === null ? undefined : users.get(accountId)),
    project: (keyOrId) => init.projects.find((p) => p.id === keyOrId || p.key === keyOrId.toUpperCase()),
    indexAfter: (position) => lowerBound(sorted, (i) => byUpdatedThenKey(i, asProbe(position)) <= 0),
    indexAtOrAfterUpdated: (updated) => lowerBound(sorted, (i) => i.updated < updated),
    create: (input) => {
      const at = now();
      const number = nextNumber(input.projectKey);
      const issue: IssueRecord = {
        id: nextId++,
        number,
        key: `${input.projectKey}-${number}`,
        description: null,
        statusId: '10000',
        priorityId: '3',
        assigneeId: null,
        labels: [],
        dueDate: null,
        ...input,
        created: at,
        updated: at,
        statusChangedAt: at,
      };
      insertSorted(issue);
      byId.set(String(issue.id), issue);
      byKey.set(issue.key, issue);
      emit({ type: 'issue_created', issue, items: [], at });
      return issue;
    },
    update: (issue, changes) => {
      const fields = changedFields(issue, changes);
      if (fields.length === 0) return [];
      const items = changelogItems(store, issue, changes, fields);
      sorted.splice(lowerBound(sorted, (i) => byUpdatedThenKey(i, issue) < 0), 1);
      const at = Math.max(now(), issue.updated + 1);
      Object.assign(issue, changes, { updated: at }, fields.includes('statusId') ? { statusChangedAt: at } : {});
      revise(issue);
      insertSorted(issue);
      emit({ type: 'issue_updated', issue, items, at });
      return items;
    },
    move: (issue, projectKey) => {
      const from = init.projects.find((p) => p.key === issue.projectKey);
      const to = init.projects.find((p) => p.key === projectKey.toUpperCase());
      if (to === undefined || to.key === issue.projectKey) return [];
      sorted.splice(lowerBound(sorted, (i) => byUpdatedThenKey(i, issue) < 0), 1);
      const at = Math.max(now(), issue.updated + 1);
      const number = nextNumber(to.key);
      const items: ChangeItem[] = [
        { field: 'Key', fieldtype: 'jira', from: null, fromString: issue.key, to: null, toString: `${to.key}-${number}` },
        { field: 'project', fieldtype: 'jira', from: from?.id ?? null, fromString: from?.name ?? null, to: to.id, toString: to.name },
      ];
      Object.assign(issue, { projectKey: to.key, number, key: `${to.key}-${number}`, updated: at });
      revise(issue);
      insertSorted(issue);
      byKey.set(issue.key, issue);
      emit({ type: 'issue_updated', issue, items, at });
      return items;
    },
    remove: (issue) => {
      const index = lowerBound(sorted, (i) => byUpdatedThenKey(i, issue) < 0);
      if (sorted[index] !== issue) return;
      sorted.splice(index, 1);
      revise(issue);
      byId.delete(String(issue.id));
      for (const [key, keyed] of byKey) if (keyed === issue) byKey.delete(key);
      emit({ type: 'issue_deleted', issue, items: [], at: Math.max(now(), issue.updated) });
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    touchAll: () => {
      touches += 1;
      const at = Math.max(now(), (sorted[sorted.length - 1]?.updated ?? 0) + 1);
      for (const issue of sorted) {
        Object.assign(issue, { summary: `${issue.summary.replace(/ \(edit \d+\)$/, '')} (edit ${touches})`, updated: at });
        revise(issue);
      }
      sorted.sort(byUpdatedThenKey);
      return sorted.length;
    },
    plant: (issue, values) => {
      sorted.splice(lowerBound(sorted, (i) => byUpdatedThenKey(i, issue) < 0), 1);
      Object.assign(issue, values);
      revise(issue);
      insertSorted(issue);
    },
  };
  return store;
};
