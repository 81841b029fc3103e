import * as E from 'fp-ts/lib/Either.js';
import { syncInProgress, type SyncLock } from '../../core/index.js';
import { takeAdvisoryLock } from './advisory-lock.js';
import { failureOf } from './database-call.js';

/** One sync per connection across every process sharing the database; a held lock answers at once. */
export const postgresSyncLock = (databaseUrl: string): SyncLock => ({
  withLock: (organizationId, connectionId, work) => async () => {
    const lock = await takeAdvisoryLock(databaseUrl, `taskport:sync:${organizationId}:${connectionId}`, false).then(
      (held) => E.right(held),
      (error: unknown) => E.left(failureOf('Taking the sync lock')(error)),
    );
    if (E.isLeft(lock)) return lock;
    if (lock.right === null) return E.left(syncInProgress(connectionId));
    try {
      return await work();
    } finally {
      await lock.right.release();
    }
  },
});
