import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId } from '../domain/ids.js';
import type { Requester } from '../domain/requester.js';
import type { ConnectionNotFound, PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from './audit/audited.js';
import { deletedSummary } from './audit/connection-changes.js';
import { loadConnection } from './load-connection.js';

export interface DeleteConnectionDeps extends RecordingDeps {
  readonly connections: ConnectionRepository;
  readonly unitOfWork: UnitOfWork;
}

/** Removes the connection and, with it, its stored secrets. Its synced tasks stay as history. Audited as `connection.deleted`. */
export const deleteConnection =
  (deps: DeleteConnectionDeps) =>
  (requester: Requester, id: ConnectionId): TE.TaskEither<ConnectionNotFound | PersistenceFailure, void> =>
    pipe(
      loadConnection(deps.connections)(requester.organizationId, id),
      TE.chainW((connection) =>
        audited(
          deps.unitOfWork,
          (ports) => ports.connections.delete(requester.organizationId, id),
          () => [auditEntryOf(deps, requester)('connection.deleted', connection.id, deletedSummary(connection))],
        ),
      ),
    );
