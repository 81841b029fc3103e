import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { PersistenceFailure } from '../errors.js';

/**
 * Taken inside a unit of work before a sync writes: answers whether the connection still exists
 * and keeps it from being deleted until the transaction ends. A delete then either happened before
 * (nothing is written) or waits for the write (whose tasks were written before the delete answered).
 */
export interface ConnectionWriteLock {
  readonly hold: (organizationId: OrganizationId, connectionId: ConnectionId) => TE.TaskEither<PersistenceFailure, boolean>;
}
