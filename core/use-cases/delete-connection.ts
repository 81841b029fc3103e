import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../domain/connection.js';
import type { ConnectionId } from '../domain/ids.js';
import type { Requester } from '../domain/requester.js';
import type { ConnectionNotFound, PersistenceFailure } from '../errors.js';
import type { Cipher } from '../ports/cipher.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { ProviderRegistry } from '../ports/provider.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from './audit/audited.js';
import { deletedSummary } from './audit/connection-changes.js';
import { loadConnection } from './load-connection.js';
import { sourceConnectionOf } from './source-connection.js';

export interface DeleteConnectionDeps extends RecordingDeps {
  readonly connections: ConnectionRepository;
  readonly unitOfWork: UnitOfWork;
  readonly cipher: Cipher;
  readonly providers: ProviderRegistry;
}

/**
 * Hands the deleted connection to its provider's `onConnectionDeleted`, where there is one. Best
 * effort: the connection is gone whatever happens here (a secret that cannot be read skips it).
 */
const farewell = (deps: DeleteConnectionDeps, connection: Connection): T.Task<void> => {
  const hook = deps.providers.find(connection.provider)?.onConnectionDeleted;
  if (hook === undefined) return T.of(undefined);
  return pipe(
    sourceConnectionOf(deps.cipher, connection),
    TE.match(
      () => T.of(undefined),
      (source) => hook(source),
    ),
    T.flatten,
  );
};

/**
 * Removes the connection and, with it, its stored secrets and quarantined items. Its synced tasks
 * stay as history. Audited as `connection.deleted`.
 */
export const deleteConnection =
  (deps: DeleteConnectionDeps) =>
  (requester: Requester, id: ConnectionId): TE.TaskEither<ConnectionNotFound | PersistenceFailure, void> =>
    pipe(
      loadConnection(deps.connections)(requester.organizationId, id),
      TE.chainW((connection) =>
        pipe(
          audited(
            deps.unitOfWork,
            (ports) =>
              pipe(
                ports.connections.delete(requester.organizationId, id),
                TE.chainW(() => ports.quarantine.forgetConnection(requester.organizationId, id)),
              ),
            () => [auditEntryOf(deps, requester)('connection.deleted', connection.id, deletedSummary(connection))],
          ),
          TE.chainFirstTaskK(() => farewell(deps, connection)),
        ),
      ),
    );
