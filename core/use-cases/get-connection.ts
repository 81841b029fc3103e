import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { PublicConnection } from '../domain/public-connection.js';
import type { ConnectionNotFound, PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { ProviderRegistry } from '../ports/provider.js';
import { loadConnection } from './load-connection.js';
import { publicConnectionOf } from './providers/find-provider.js';

export const getConnection =
  (deps: { readonly connections: ConnectionRepository; readonly providers: ProviderRegistry }) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<ConnectionNotFound | PersistenceFailure, PublicConnection> =>
    pipe(loadConnection(deps.connections)(organizationId, id), TE.map(publicConnectionOf(deps.providers)));
