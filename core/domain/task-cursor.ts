import type { ExternalTask } from './external-task.js';
import { isUuid } from './ids.js';
import { isStorableInstant } from './storable-instant.js';

/** Position in the task list, which is ordered by external update time, newest first, then by id. */
export interface TaskCursor {
  readonly externalUpdatedAt: Date;
  readonly id: string;
}

export const cursorOf = (task: ExternalTask): TaskCursor => ({ externalUpdatedAt: task.externalUpdatedAt, id: task.id });

export const encodeTaskCursor = (cursor: TaskCursor): string => `${cursor.externalUpdatedAt.getTime()}_${cursor.id}`;

/** Only what `encodeTaskCursor` can have written: a storable instant (before 1970 too) and a task id. */
export const decodeTaskCursor = (value: string): TaskCursor | null => {
  const match = /^(-?\d{1,15})_(.{1,200})$/.exec(value);
  if (match === null) return null;
  const [, epochMs, id] = match;
  return isStorableInstant(Number(epochMs)) && isUuid(id!) ? { externalUpdatedAt: new Date(Number(epochMs)), id: id! } : null;
};

/** True when `task` comes strictly after `cursor` in list order. */
export const isAfterCursor = (task: ExternalTask, cursor: TaskCursor): boolean => {
  const t = task.externalUpdatedAt.getTime();
  const c = cursor.externalUpdatedAt.getTime();
  return t < c || (t === c && task.id < cursor.id);
};

/** List order: newest external update first, ties broken by id descending. */
export const compareForList = (a: ExternalTask, b: ExternalTask): number =>
  b.externalUpdatedAt.getTime() - a.externalUpdatedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
