import * as TE from 'fp-ts/lib/TaskEither.js';
import { syncInProgress, type SyncLock } from '../../core/index.js';

/** A lock per connection within this process. */
export const memorySyncLock = (): SyncLock => {
  const held = new Set<string>();
  return {
    withLock: (organizationId, connectionId, work) => async () => {
      const key = `${organizationId}:${connectionId}`;
      if (held.has(key)) return TE.left(syncInProgress(connectionId))();
      held.add(key);
      try {
        return await work();
      } finally {
        held.delete(key);
      }
    },
  };
};
