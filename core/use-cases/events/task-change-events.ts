import type { ExternalTask, TaskContent, TaskUpsertResult } from '../../domain/external-task.js';
import { toJson, type JsonObject } from '../../domain/json.js';
import type { EventCause, EventType, OutboxEvent } from '../../domain/outbox-event.js';
import { outboxEventOf, type TaskChangeEvent } from '../../domain/task-change-event.js';
import type { TaskDeletion } from '../../domain/task-comparison.js';
import type { IdGenerator } from '../../ports/id-generator.js';

/** What every event of one transaction shares: where its ids come from, when, and why. */
export interface EventStamp {
  readonly eventIds: IdGenerator;
  readonly now: Date;
  readonly cause: EventCause;
}

/** Before and after of each changed field; the raw data is only named in `changedFields`. */
const changesOf = (previous: ExternalTask, task: ExternalTask, fields: ReadonlyArray<keyof TaskContent>): JsonObject =>
  Object.fromEntries(fields.filter((field) => field !== 'sourceData').map((field) => [field, { before: toJson(previous[field]), after: toJson(task[field]) }]));

const taskChange = (stamp: EventStamp, type: EventType, task: ExternalTask, details: JsonObject): TaskChangeEvent => ({
  id: stamp.eventIds.next(),
  organizationId: task.organizationId,
  type,
  occurredAt: stamp.now,
  cause: stamp.cause,
  taskId: task.id,
  connectionId: task.connectionId,
  task,
  details,
});

/** The change took the task out of the connection's scope (the sweep found its item outside the filter). */
const leftScope = (result: TaskUpsertResult): boolean => result.task.outOfScopeAt !== null && result.changedFields.includes('outOfScopeAt');

/**
 * One event per task created or changed (`external_task.out_of_scope` when the change took it out of
 * the connection's scope; coming back is an update); an unchanged task tells nothing. Each carries its task, not
 * its view: the outbox shows the task as stored (see `TaskChangeEvent`).
 */
export const taskChangeEvents = (stamp: EventStamp, results: ReadonlyArray<TaskUpsertResult>): ReadonlyArray<TaskChangeEvent> =>
  results.flatMap((result) => {
    if (result.outcome === 'unchanged') return [];
    if (result.outcome === 'created' || result.previous === null) return [taskChange(stamp, 'external_task.created', result.task, {})];
    return [
      taskChange(stamp, leftScope(result) ? 'external_task.out_of_scope' : 'external_task.updated', result.task, {
        changedFields: [...result.changedFields],
        changes: changesOf(result.previous, result.task, result.changedFields),
      }),
    ];
  });

export const taskDeletedEvent = (stamp: EventStamp, deletion: TaskDeletion): OutboxEvent =>
  outboxEventOf(
    taskChange(stamp, 'external_task.deleted', deletion.task, {
      changedFields: [...deletion.changedFields],
      changes: changesOf(deletion.previous, deletion.task, deletion.changedFields),
    }),
  );
