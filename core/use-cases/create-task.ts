import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { CreateTaskInputCodec } from '../codecs/write-input.js';
import { asEntityId } from '../domain/ids.js';
import type { Requester } from '../domain/requester.js';
import type { CreateRequest, Write } from '../domain/write.js';
import type { DomainError } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import { loadConnection } from './load-connection.js';
import { assigneeOf, fieldChangesOf } from './writes/write-input.js';
import { requestWrite, type RequestWriteDeps } from './writes/request-write.js';

export interface CreateTaskDeps extends RequestWriteDeps {
  readonly connections: ConnectionRepository;
}

/**
 * Queues the creation of an item in the tracker of one of the organization's connections and
 * answers the write (status `queued`). Another organization's connection is not found.
 */
export const createTask =
  (deps: CreateTaskDeps) =>
  (requester: Requester, body: unknown, idempotencyKey: string | null): TE.TaskEither<DomainError, Write> =>
    pipe(
      TE.fromEither(decodeInput(CreateTaskInputCodec)(body)),
      TE.chainW((input) =>
        pipe(
          TE.fromEither(assigneeOf(input)),
          TE.chainW(() => loadConnection(deps.connections)(requester.organizationId, asEntityId(input.connectionId))),
          TE.chainW((connection) => {
            const request: CreateRequest = { ...fieldChangesOf(input), kind: 'create', projectKey: input.projectKey, title: input.title };
            return requestWrite(deps)(requester, connection, request, idempotencyKey);
          }),
        ),
      ),
    );
