import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Connection } from '../domain/connection.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { DomainError } from '../errors.js';

/**
 * Single flight for refreshing a connection's rotating OAuth tokens: two refreshes with the same
 * refresh token would invalidate each other. `refresh` runs holding the connection's lock across
 * processes, waiting for it when another process holds it; callers in this process that ask while
 * a refresh of the same connection is in flight share its outcome instead of running their own.
 * `refresh` must re-read the connection: the process that held the lock before may have refreshed it.
 */
export interface TokenRefreshLock {
  readonly withLock: (
    organizationId: OrganizationId,
    connectionId: ConnectionId,
    refresh: TE.TaskEither<DomainError, Connection>,
  ) => TE.TaskEither<DomainError, Connection>;
}
