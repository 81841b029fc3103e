import type { ExternalTask } from './external-task.js';
import type { TaskId } from './ids.js';

/** An issue key a pull request or commit names, and the organization's task behind it. */
export interface TaskReference {
  readonly key: string;
  /** The preferred task with this key (see `compareReferenceCandidates`), or null when none is stored. */
  readonly task: ExternalTask | null;
  /** The other tasks with the same key, in order of preference; empty unless two connections share a key. */
  readonly otherTaskIds: ReadonlyArray<TaskId>;
}

/**
 * Keys are unique within one tracker, not within an organization (two sites, or two trackers, may
 * both have a PROJ-1), so one is picked the same way every time: a live task before a deleted one,
 * then the one changed last in its tracker, then the smallest id.
 */
export const compareReferenceCandidates = (a: ExternalTask, b: ExternalTask): number =>
  Number(a.deletedAt !== null) - Number(b.deletedAt !== null) ||
  b.externalUpdatedAt.getTime() - a.externalUpdatedAt.getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Pairs each key, in order, with its tasks among `tasks` (the tasks holding any of the keys). */
export const toTaskReferences = (keys: ReadonlyArray<string>, tasks: ReadonlyArray<ExternalTask>): ReadonlyArray<TaskReference> =>
  keys.map((key) => {
    const [preferred, ...others] = tasks.filter((task) => task.key === key).sort(compareReferenceCandidates);
    return { key, task: preferred ?? null, otherTaskIds: others.map((task) => task.id) };
  });
