import * as TE from 'fp-ts/lib/TaskEither.js';
import * as RA from 'fp-ts/lib/ReadonlyArray.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { OrganizationId } from '../domain/ids.js';
import type { PublicConnection } from '../domain/public-connection.js';
import type { PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { ProviderRegistry } from '../ports/provider.js';
import { publicConnectionOf } from './providers/find-provider.js';

export const listConnections =
  (deps: { readonly connections: ConnectionRepository; readonly providers: ProviderRegistry }) =>
  (organizationId: OrganizationId): TE.TaskEither<PersistenceFailure, ReadonlyArray<PublicConnection>> =>
    pipe(deps.connections.list(organizationId), TE.map(RA.map(publicConnectionOf(deps.providers))));
