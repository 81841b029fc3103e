import type { ExternalTask, TaskContent, TaskUpsertResult } from '../../domain/external-task.js';
import { toJson, toJsonObject, type JsonObject } from '../../domain/json.js';
import type { EventCause, EventType, OutboxEvent } from '../../domain/outbox-event.js';
import type { TaskDeletion } from '../../domain/task-comparison.js';
import type { IdGenerator } from '../../ports/id-generator.js';

/** What every event of one transaction shares: where its ids come from, when, and why. */
export interface EventStamp {
  readonly eventIds: IdGenerator;
  readonly now: Date;
  readonly cause: EventCause;
}

/** The task as an event shows it: the tracker's raw data stays out (the task route has it), and so does the tenant (the envelope has it). */
export const taskView = (task: ExternalTask): JsonObject => {
  const { sourceData: _raw, organizationId: _tenant, ...shown } = task;
  return toJsonObject(shown);
};

/** Before and after of each changed field; the raw data is only named in `changedFields`. */
const changesOf = (previous: ExternalTask, task: ExternalTask, fields: ReadonlyArray<keyof TaskContent>): JsonObject =>
  Object.fromEntries(fields.filter((field) => field !== 'sourceData').map((field) => [field, { before: toJson(previous[field]), after: toJson(task[field]) }]));

const taskEvent = (stamp: EventStamp, type: EventType, task: ExternalTask, data: JsonObject): OutboxEvent => ({
  id: stamp.eventIds.next(),
  organizationId: task.organizationId,
  type,
  occurredAt: stamp.now,
  cause: stamp.cause,
  taskId: task.id,
  connectionId: task.connectionId,
  data,
});

/** One event per task created or changed; an unchanged task tells nothing. */
export const taskChangeEvents = (stamp: EventStamp, results: ReadonlyArray<TaskUpsertResult>): ReadonlyArray<OutboxEvent> =>
  results.flatMap((result) => {
    if (result.outcome === 'unchanged') return [];
    if (result.outcome === 'created' || result.previous === null) return [taskEvent(stamp, 'external_task.created', result.task, { task: taskView(result.task) })];
    return [
      taskEvent(stamp, 'external_task.updated', result.task, {
        task: taskView(result.task),
        changedFields: [...result.changedFields],
        changes: changesOf(result.previous, result.task, result.changedFields),
      }),
    ];
  });

export const taskDeletedEvent = (stamp: EventStamp, deletion: TaskDeletion): OutboxEvent =>
  taskEvent(stamp, 'external_task.deleted', deletion.task, {
    task: taskView(deletion.task),
    changedFields: [...deletion.changedFields],
    changes: changesOf(deletion.previous, deletion.task, deletion.changedFields),
  });
