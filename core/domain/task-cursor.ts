import type { ExternalTask } from './external-task.js';

/** Position in the task list, which is ordered by external update time, newest first, then by id. */
export interface TaskCursor {
  readonly externalUpdatedAt: Date;
  readonly id: string;
}

export const cursorOf = (task: ExternalTask): TaskCursor => ({ externalUpdatedAt: task.externalUpdatedAt, id: task.id });

export const encodeTaskCursor = (cursor: TaskCursor): string => `${cursor.externalUpdatedAt.getTime()}_${cursor.id}`;

export const decodeTaskCursor = (value: string): TaskCursor | null => {
  const match = /^(\d{1,15})_(.{1,200})$/.exec(value);
  return match === null ? null : { externalUpdatedAt: new Date(Number(match[1])), id: match[2]! };
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
