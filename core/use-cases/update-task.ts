import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { UpdateTaskInputCodec } from '../codecs/write-input.js';
import type { TaskId } from '../domain/ids.js';
import type { Requester } from '../domain/requester.js';
import type { UpdateRequest, Write } from '../domain/write.js';
import { invalidInput, type DomainError } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { TaskRepository } from '../ports/task-repository.js';
import { getTask } from './get-task.js';
import { loadConnection } from './load-connection.js';
import { changedWritableFields } from './writes/write-conflicts.js';
import { assigneeOf, fieldChangesOf } from './writes/write-input.js';
import { requestWrite, type RequestWriteDeps } from './writes/request-write.js';

export interface UpdateTaskDeps extends RequestWriteDeps {
  readonly connections: ConnectionRepository;
  readonly tasks: TaskRepository;
}

/**
 * Queues changes to the tracker's item behind one of the organization's tasks, through the
 * connection that last wrote it, and answers the write. The change is based on `baseVersion`, or
 * on the version the product last read (the stored one).
 */
export const updateTask =
  (deps: UpdateTaskDeps) =>
  (requester: Requester, taskId: TaskId, body: unknown, idempotencyKey: string | null): TE.TaskEither<DomainError, Write> =>
    pipe(
      TE.fromEither(decodeInput(UpdateTaskInputCodec)(body)),
      TE.chainFirstEitherKW((input) => assigneeOf(input)),
      TE.chainW((input) => {
        const changes = fieldChangesOf(input);
        if (changedWritableFields(changes).length === 0) return TE.left(invalidInput([{ path: 'body', message: 'must change at least one field' }]));
        return pipe(
          getTask(deps)(requester.organizationId, taskId),
          TE.chainW((task) =>
            pipe(
              loadConnection(deps.connections)(requester.organizationId, task.connectionId),
              TE.chainW((connection) => {
                const request: UpdateRequest = { ...changes, kind: 'update', taskId: task.id, baseVersion: input.baseVersion ?? task.sourceVersion };
                return requestWrite(deps)(requester, connection, request, idempotencyKey);
              }),
            ),
          ),
        );
      }),
    );
