import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { ConnectionNotFound, PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';

/** Removes the connection and, with it, its stored secrets. Its synced tasks stay as history. */
export const deleteConnection =
  (deps: { readonly connections: ConnectionRepository }) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<ConnectionNotFound | PersistenceFailure, void> =>
    deps.connections.delete(organizationId, id);
