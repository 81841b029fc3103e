import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import { toPublicConnection, type PublicConnection } from '../domain/public-connection.js';
import type { ConnectionNotFound, PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import { loadConnection } from './load-connection.js';

export const getConnection =
  (deps: { readonly connections: ConnectionRepository }) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<ConnectionNotFound | PersistenceFailure, PublicConnection> =>
    pipe(loadConnection(deps.connections)(organizationId, id), TE.map(toPublicConnection));
