import type { ExternalTask } from '../../core/index.js';

/**
 * The tasks one transaction wrote, by id: for each, the very object whose values its row now holds.
 * The outbox builds an event's task view from the row only when the event's task is that object, so
 * an earlier version of the same task, or a row changed since by another statement, is never shown
 * in its place. The rows stay locked until the transaction ends, so no one else changes them.
 */
export interface WrittenTasks {
  readonly wrote: (tasks: Iterable<ExternalTask>) => void;
  /** The row changed otherwise (a deletion marked): it no longer holds the object written before. */
  readonly changed: (id: string) => void;
  readonly holds: (task: ExternalTask) => boolean;
}

export const writtenTasks = (): WrittenTasks => {
  const byId = new Map<string, ExternalTask>();
  return {
    wrote: (tasks) => {
      for (const task of tasks) byId.set(task.id, task);
    },
    changed: (id) => void byId.delete(id),
    holds: (task) => byId.get(task.id) === task,
  };
};

/** Outside a transaction nothing stays locked between two calls: no row is known to hold a task. */
export const noWrittenTasks: WrittenTasks = { wrote: () => undefined, changed: () => undefined, holds: () => false };
