import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { PersistenceFailure, SyncInProgress } from '../errors.js';

/**
 * At most one sync per connection at a time, across processes. `work` runs only if the lock was
 * free; the lock is released whatever `work` returns. A held lock is `SyncInProgress` at once, no wait.
 */
export interface SyncLock {
  readonly withLock: <E, A>(
    organizationId: OrganizationId,
    connectionId: ConnectionId,
    work: TE.TaskEither<E, A>,
  ) => TE.TaskEither<E | SyncInProgress | PersistenceFailure, A>;
}
