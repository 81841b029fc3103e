import * as TE from 'fp-ts/lib/TaskEither.js';
import { eventEndpointNotFound, type EventEndpointRepository } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

export const memoryEventEndpointRepository = (state: MemoryState): EventEndpointRepository => {
  const owned = (organizationId: string, id: string) => {
    const found = state.eventEndpoints.get(id);
    return found !== undefined && found.organizationId === organizationId ? found : undefined;
  };
  return {
    insert: (endpoint) => {
      state.eventEndpoints.set(endpoint.id, endpoint);
      return TE.right(endpoint);
    },
    update: (endpoint) => {
      const current = owned(endpoint.organizationId, endpoint.id);
      if (current === undefined) return TE.left(eventEndpointNotFound(endpoint.id));
      // The failure state is the deliverer's, unless this edit switches the endpoint back on.
      const reenabled = endpoint.enabled && !current.enabled;
      const failure = reenabled
        ? { failingSince: null, disabledReason: null, disabledAt: null }
        : { failingSince: current.failingSince, disabledReason: current.disabledReason, disabledAt: current.disabledAt };
      const saved = { ...endpoint, ...failure };
      state.eventEndpoints.set(endpoint.id, saved);
      return TE.right(saved);
    },
    findById: (organizationId, id) => TE.right(owned(organizationId, id) ?? null),
    list: (organizationId) =>
      TE.right(
        [...state.eventEndpoints.values()]
          .filter((e) => e.organizationId === organizationId)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)),
      ),
    delete: (organizationId, id) => {
      if (owned(organizationId, id) === undefined) return TE.left(eventEndpointNotFound(id));
      state.eventEndpoints.delete(id);
      for (const [deliveryId, delivery] of state.eventDeliveries) if (delivery.endpointId === id) state.eventDeliveries.delete(deliveryId);
      return TE.right(undefined);
    },
  };
};
