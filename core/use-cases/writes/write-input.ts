import * as E from 'fp-ts/lib/Either.js';
import type { CreateTaskInput, UpdateTaskInput } from '../../codecs/write-input.js';
import type { AssigneeRef, TaskFieldChanges } from '../../domain/write.js';
import { invalidInput, type InvalidInput } from '../../errors.js';

type Input = Partial<CreateTaskInput> | UpdateTaskInput;

/** The assignee a body names: by e-mail or by the tracker's user id, never both; `null` unassigns. */
export const assigneeOf = (input: Input): E.Either<InvalidInput, AssigneeRef | null | undefined> => {
  const { assigneeEmail, assigneeExternalId } = input;
  if (assigneeEmail !== undefined && assigneeExternalId !== undefined && assigneeEmail !== null && assigneeExternalId !== null) {
    return E.left(invalidInput([{ path: 'assigneeEmail', message: 'give assigneeEmail or assigneeExternalId, not both' }]));
  }
  if (typeof assigneeEmail === 'string') return E.right({ email: assigneeEmail });
  if (typeof assigneeExternalId === 'string') return E.right({ externalId: assigneeExternalId });
  return E.right(assigneeEmail === null || assigneeExternalId === null ? null : undefined);
};

/** The fields a body sets, as a change (fields left out stay out). */
export const fieldChangesOf = (input: Input): TaskFieldChanges => {
  const assignee = assigneeOf(input);
  const changes: Record<string, unknown> = {
    title: input.title,
    description: input.description,
    priority: input.priority,
    dueDate: input.dueDate,
    status: input.status,
    assignee: E.isRight(assignee) ? assignee.right : undefined,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as TaskFieldChanges;
};
