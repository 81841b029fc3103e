import { deepEqual } from '../../domain/deep-equal.js';
import type { TaskDraft } from '../../domain/external-task.js';
import { toJson, type JsonObject } from '../../domain/json.js';
import type { TaskFieldChanges, WritableField } from '../../domain/write.js';

type Values = Pick<TaskDraft, 'title' | 'description' | 'priority' | 'status' | 'dueDate' | 'assigneeEmail' | 'assigneeExternalId'>;

/** A field's value as the product compares it: the unified value, and the assignee as the change names it. */
const valueOf = (task: Values, field: WritableField, changes: TaskFieldChanges): unknown => {
  if (field !== 'assignee') return task[field];
  const wanted = changes.assignee;
  if (wanted === undefined || wanted === null) return task.assigneeEmail === null && task.assigneeExternalId === null ? null : (task.assigneeEmail ?? task.assigneeExternalId);
  return 'email' in wanted ? task.assigneeEmail : task.assigneeExternalId;
};

const wantedOf = (changes: TaskFieldChanges, field: WritableField): unknown => {
  if (field !== 'assignee') return changes[field];
  const wanted = changes.assignee;
  return wanted === undefined || wanted === null ? null : 'email' in wanted ? wanted.email : wanted.externalId;
};

export const changedWritableFields = (changes: TaskFieldChanges): ReadonlyArray<WritableField> =>
  (['title', 'description', 'priority', 'assignee', 'dueDate', 'status'] as const).filter((field) => changes[field] !== undefined);

/**
 * The fields of a change that someone else changed in the tracker since the product's base: the
 * tracker's value differs from the base and from what the product writes. `base` null means the
 * product read a version taskport no longer holds, so every field the tracker holds otherwise is
 * counted (a conflict is safer than a silent overwrite). Fields the change leaves out always merge.
 */
export const conflictingFields = (changes: TaskFieldChanges, base: Values | null, current: Values): JsonObject =>
  Object.fromEntries(
    changedWritableFields(changes).flatMap((field) => {
      const tracker = valueOf(current, field, changes);
      const product = wantedOf(changes, field);
      const changedElsewhere = base === null || !deepEqual(valueOf(base, field, changes), tracker);
      return changedElsewhere && !deepEqual(tracker, product) ? [[field, { product: toJson(product), tracker: toJson(tracker) }]] : [];
    }),
  );
