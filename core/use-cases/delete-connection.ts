import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../domain/connection.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { ConnectionNotFound, PersistenceFailure } from '../errors.js';
import type { Cipher } from '../ports/cipher.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { ProviderRegistry } from '../ports/provider.js';
import { sourceConnectionOf } from './source-connection.js';

export interface DeleteConnectionDeps {
  readonly connections: ConnectionRepository;
  readonly cipher: Cipher;
  readonly providers: ProviderRegistry;
}

/**
 * Hands the deleted connection to its provider's `onConnectionDeleted`, where there is one. Best
 * effort: the connection is gone whatever happens here (a secret that cannot be read skips it).
 */
const farewell = (deps: DeleteConnectionDeps, connection: Connection | null): T.Task<void> => {
  const hook = connection === null ? undefined : deps.providers.find(connection.provider)?.onConnectionDeleted;
  if (connection === null || hook === undefined) return T.of(undefined);
  return pipe(
    sourceConnectionOf(deps.cipher, connection),
    TE.match(
      () => T.of(undefined),
      (source) => hook(source),
    ),
    T.flatten,
  );
};

/** Removes the connection and, with it, its stored secrets. Its synced tasks stay as history. */
export const deleteConnection =
  (deps: DeleteConnectionDeps) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<ConnectionNotFound | PersistenceFailure, void> =>
    pipe(
      deps.connections.findById(organizationId, id),
      TE.chainW((connection) =>
        pipe(
          deps.connections.delete(organizationId, id),
          TE.chainFirstTaskK(() => farewell(deps, connection)),
        ),
      ),
    );
