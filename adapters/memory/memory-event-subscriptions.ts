import * as TE from 'fp-ts/lib/TaskEither.js';
import type { EventSubscriptions } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

export const memoryEventSubscriptions = (state: MemoryState): EventSubscriptions => ({
  lease: (name, holder, now, until) =>
    TE.fromIO(() => {
      const current = state.eventSubscriptions.get(name) ?? { position: null, holder: null, leaseUntil: null };
      const free = current.holder === null || current.holder === holder || current.leaseUntil === null || current.leaseUntil.getTime() <= now.getTime();
      if (!free) return { leased: false as const };
      state.eventSubscriptions.set(name, { ...current, holder, leaseUntil: until });
      return { leased: true as const, position: current.position };
    }),
  advance: (name, holder, position) =>
    TE.fromIO(() => {
      const current = state.eventSubscriptions.get(name);
      if (current === undefined || current.holder !== holder) return false;
      state.eventSubscriptions.set(name, { ...current, position });
      return true;
    }),
  release: (name, holder) =>
    TE.fromIO(() => {
      const current = state.eventSubscriptions.get(name);
      if (current !== undefined && current.holder === holder) state.eventSubscriptions.set(name, { ...current, holder: null, leaseUntil: null });
    }),
});
