import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  KEPT_ATTEMPTS,
  eventDeliveryNotFound,
  type ClaimedEventDelivery,
  type EventDeliveries,
  type EventDelivery,
} from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

/** A delivery as the fake keeps it: what the product sees, and what only the deliverer needs. */
export interface StoredDelivery extends EventDelivery {
  readonly body: string;
  readonly position: number;
  readonly orderKey: string;
  readonly firstAttemptAt: Date | null;
  readonly leaseUntil: Date | null;
}

export const DEFAULT_DELIVERY_LEASE_MS = 60_000;

const shown = (stored: StoredDelivery): EventDelivery => {
  const { body: _body, position: _position, orderKey: _key, firstAttemptAt: _first, leaseUntil: _lease, ...delivery } = stored;
  return delivery;
};

/** The deliveries in memory, with the database's rules: leases, one per task and endpoint at a time, earliest first. */
export const memoryEventDeliveries = (state: MemoryState, options: { readonly leaseMs?: number } = {}): EventDeliveries => {
  const leaseMs = options.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS;
  const pending = () => [...state.eventDeliveries.values()].filter((d) => d.status === 'pending');
  const isHead = (d: StoredDelivery, all: ReadonlyArray<StoredDelivery>) =>
    !all.some((other) => other.endpointId === d.endpointId && other.orderKey === d.orderKey && other.position < d.position);
  return {
    claim: (limit, now) =>
      TE.fromIO(() => {
        const all = pending();
        const due = all
          .filter((d) => state.eventEndpoints.get(d.endpointId)?.enabled === true)
          .filter((d) => d.nextAttemptAt !== null && d.nextAttemptAt.getTime() <= now.getTime() && (d.leaseUntil === null || d.leaseUntil.getTime() <= now.getTime()))
          .filter((d) => isHead(d, all))
          .sort((a, b) => a.nextAttemptAt!.getTime() - b.nextAttemptAt!.getTime() || a.position - b.position)
          .slice(0, limit);
        return due.map((d): ClaimedEventDelivery => {
          state.eventDeliveries.set(d.id, { ...d, leaseUntil: new Date(now.getTime() + leaseMs) });
          const endpoint = state.eventEndpoints.get(d.endpointId)!;
          return {
            id: d.id,
            organizationId: d.organizationId,
            endpointId: d.endpointId,
            eventId: d.eventId,
            eventType: d.eventType,
            body: d.body,
            attempts: d.attempts,
            firstAttemptAt: d.firstAttemptAt,
            endpoint: { url: endpoint.url, signingSecret: endpoint.signingSecret, previousSigningSecret: endpoint.previousSigningSecret, failingSince: endpoint.failingSince },
          };
        });
      }),
    recordAttempt: ({ deliveryId, endpointId, attempt, outcome, disableEndpoint }) =>
      TE.fromIO(() => {
        const d = state.eventDeliveries.get(deliveryId);
        if (d !== undefined) {
          state.eventDeliveries.set(deliveryId, {
            ...d,
            attempts: d.attempts + 1,
            recentAttempts: [...d.recentAttempts, attempt].slice(-KEPT_ATTEMPTS),
            status: outcome.kind === 'delivered' ? 'delivered' : outcome.kind === 'retry' ? 'pending' : 'failed',
            nextAttemptAt: outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
            deliveredAt: outcome.kind === 'delivered' ? attempt.at : d.deliveredAt,
            firstAttemptAt: d.firstAttemptAt ?? attempt.at,
            leaseUntil: null,
          });
        }
        const endpoint = state.eventEndpoints.get(endpointId);
        if (endpoint === undefined) return;
        const failing = outcome.kind === 'delivered' ? { failingSince: null } : { failingSince: endpoint.failingSince ?? attempt.at };
        const disabled = disableEndpoint === null ? {} : { enabled: false, disabledReason: disableEndpoint, disabledAt: attempt.at };
        state.eventEndpoints.set(endpointId, { ...endpoint, ...failing, ...disabled });
      }),
    list: (organizationId, endpointId, page) =>
      TE.fromIO(() => {
        const all = [...state.eventDeliveries.values()]
          .filter((d) => d.organizationId === organizationId && d.endpointId === endpointId && (page.before === null || d.id < page.before))
          .sort((a, b) => (a.id < b.id ? 1 : -1));
        const items = all.slice(0, page.limit);
        return { items: items.map(shown), next: all.length > page.limit ? items.at(-1)!.id : null };
      }),
    retry: (organizationId, endpointId, deliveryId, now) => {
      const d = state.eventDeliveries.get(deliveryId);
      if (d === undefined || d.organizationId !== organizationId || d.endpointId !== endpointId) return TE.left(eventDeliveryNotFound(deliveryId));
      const again: StoredDelivery = { ...d, status: 'pending', nextAttemptAt: now, firstAttemptAt: null, leaseUntil: null };
      state.eventDeliveries.set(deliveryId, again);
      return TE.right(shown(again));
    },
  };
};
