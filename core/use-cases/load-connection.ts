import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../domain/connection.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import { connectionNotFound, type ConnectionNotFound, type PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';

/** Another organization's connection is indistinguishable from a missing one. */
export const loadConnection =
  (connections: ConnectionRepository) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<ConnectionNotFound | PersistenceFailure, Connection> =>
    pipe(
      connections.findById(organizationId, id),
      TE.chainW((found) => (found === null ? TE.left(connectionNotFound(id)) : TE.right(found))),
    );
