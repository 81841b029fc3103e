import type { ExternalTask } from './external-task.js';
import { toJsonObject, type JsonObject } from './json.js';
import type { OutboxEvent } from './outbox-event.js';

/**
 * An `external_task.*` event whose data shows its task as the same transaction just stored it:
 * `{ task: taskView(task), ...details }`. It carries the task rather than that view so a store can
 * build the view from the row it wrote (the task repeated as JSON beside its row was most of an
 * event's cost); `outboxEventOf` builds the same event in full.
 */
export interface TaskChangeEvent extends Omit<OutboxEvent, 'data'> {
  readonly task: ExternalTask;
  /** The rest of the data beside `task` (`changedFields` and `changes` of an update; nothing for a creation). */
  readonly details: JsonObject;
}

/** What the outbox takes: events with their data, or task changes whose data is their task's view. */
export type OutboxEntry = OutboxEvent | TaskChangeEvent;

export const isTaskChange = (entry: OutboxEntry): entry is TaskChangeEvent => !('data' in entry);

/** The task as an event shows it: the tracker's raw data stays out (the task route has it), and so does the tenant (the envelope has it). */
export const taskView = (task: ExternalTask): JsonObject => {
  const { sourceData: _raw, organizationId: _tenant, ...shown } = task;
  return toJsonObject(shown);
};

/** The event an entry stands for, its data in full. */
export const outboxEventOf = (entry: OutboxEntry): OutboxEvent => {
  if (!isTaskChange(entry)) return entry;
  const { task, details, ...header } = entry;
  return { ...header, data: { task: taskView(task), ...details } };
};
