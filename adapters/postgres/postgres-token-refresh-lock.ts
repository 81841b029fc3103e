import * as E from 'fp-ts/lib/Either.js';
import type { Connection, DomainError, TokenRefreshLock } from '../../core/index.js';
import { singleFlight } from '../concurrency/single-flight.js';
import { takeAdvisoryLock } from './advisory-lock.js';
import { failureOf } from './database-call.js';

/**
 * Refreshes of one connection's tokens run one at a time across every process sharing the
 * database (a waiting advisory lock), and within a process concurrent callers share one refresh, so
 * twenty calls that find the token expiring take the lock once, not twenty times.
 */
export const postgresTokenRefreshLock = (databaseUrl: string): TokenRefreshLock => {
  const flight = singleFlight<E.Either<DomainError, Connection>>();
  return {
    withLock: (organizationId, connectionId, refresh) => () =>
      flight(`${organizationId}:${connectionId}`, async () => {
        const lock = await takeAdvisoryLock(databaseUrl, `taskport:oauth-refresh:${organizationId}:${connectionId}`, true).then(
          (held) => E.right(held),
          (error: unknown) => E.left(failureOf('Taking the token refresh lock')(error)),
        );
        if (E.isLeft(lock)) return lock;
        try {
          return await refresh();
        } finally {
          await lock.right?.release();
        }
      }),
  };
};
