import type * as E from 'fp-ts/lib/Either.js';
import type { Connection, DomainError, TokenRefreshLock } from '../../core/index.js';
import { singleFlight } from '../concurrency/single-flight.js';

/** One process is all there is in memory: callers of a connection share the refresh in flight. */
export const memoryTokenRefreshLock = (): TokenRefreshLock => {
  const flight = singleFlight<E.Either<DomainError, Connection>>();
  return { withLock: (organizationId, connectionId, refresh) => () => flight(`${organizationId}:${connectionId}`, refresh) };
};
