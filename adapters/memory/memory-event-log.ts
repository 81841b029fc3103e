import * as TE from 'fp-ts/lib/TaskEither.js';
import type { EventLog } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

/** Keys are unique per organization, as in the database's unique index: the first writer wins. */
export const memoryEventLog = (state: MemoryState): EventLog => ({
  recordNew: (organizationId, events) => {
    const fresh = new Set<string>();
    for (const event of events) {
      const key = `${organizationId}\u0000${event.idempotencyKey}`;
      if (state.events.has(key)) continue;
      state.events.set(key, event);
      fresh.add(event.idempotencyKey);
    }
    return TE.right(fresh);
  },
});
