import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ExternalTask } from '../domain/external-task.js';
import type { OrganizationId, TaskId } from '../domain/ids.js';
import { taskNotFound, type PersistenceFailure, type TaskNotFound } from '../errors.js';
import type { TaskRepository } from '../ports/task-repository.js';

export const getTask =
  (deps: { readonly tasks: TaskRepository }) =>
  (organizationId: OrganizationId, id: TaskId): TE.TaskEither<TaskNotFound | PersistenceFailure, ExternalTask> =>
    pipe(
      deps.tasks.findById(organizationId, id),
      TE.chainW((task) => (task === null ? TE.left(taskNotFound(id)) : TE.right(task))),
    );
