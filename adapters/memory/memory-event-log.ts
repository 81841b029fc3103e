import * as TE from 'fp-ts/lib/TaskEither.js';
import type { EventLog } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

/** Keys are global, as in the database's unique index: the first writer wins. */
export const memoryEventLog = (state: MemoryState): EventLog => ({
  recordNew: (_organizationId, events) => {
    const fresh = new Set<string>();
    for (const event of events) {
      if (state.events.has(event.idempotencyKey)) continue;
      state.events.set(event.idempotencyKey, event);
      fresh.add(event.idempotencyKey);
    }
    return TE.right(fresh);
  },
});
