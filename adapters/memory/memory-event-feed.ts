import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  asEntityId,
  eventEnvelope,
  orderKeyOf,
  outboxEventOf,
  subscribesTo,
  type EventFeed,
  type IdGenerator,
  type Outbox,
  type PublishedEvent,
} from '../../core/index.js';
import type { MemoryState, StoredOutboxEvent } from './memory-state.js';

/** The outbox in memory: appended to inside a unit of work (which holds the events back until its commit). */
export const memoryOutbox = (state: MemoryState): Outbox => ({
  append: (events) =>
    TE.fromIO(() => {
      for (const event of events.map(outboxEventOf)) state.outbox.set(event.id, { event, seq: (state.outboxSeq += 1), position: null });
    }),
});

const published = (row: StoredOutboxEvent): PublishedEvent => ({ ...row.event, position: String(row.position) });

/** Publishes as the database does: positions in order, and each event's deliveries in the same step. */
export const memoryEventFeed = (state: MemoryState, options: { readonly deliveryIds: IdGenerator }): EventFeed => ({
  publishPending: (limit, now) =>
    TE.fromIO(() => {
      const pending = [...state.outbox.values()].filter((row) => row.position === null).sort((a, b) => a.seq - b.seq).slice(0, limit);
      return pending.map((row) => {
        const stored = { ...row, position: (state.feedHead += 1) };
        state.outbox.set(row.event.id, stored);
        const endpoints = [...state.eventEndpoints.values()].filter((e) => e.organizationId === row.event.organizationId && e.enabled && subscribesTo(e, row.event.type));
        for (const endpoint of endpoints) {
          const id = asEntityId(options.deliveryIds.next());
          state.eventDeliveries.set(id, {
            id,
            organizationId: row.event.organizationId,
            endpointId: endpoint.id,
            eventId: row.event.id,
            eventType: row.event.type,
            status: 'pending',
            attempts: 0,
            recentAttempts: [],
            nextAttemptAt: now,
            deliveredAt: null,
            createdAt: now,
            body: JSON.stringify(eventEnvelope(row.event)),
            position: stored.position,
            orderKey: orderKeyOf(row.event),
            firstAttemptAt: null,
            leaseUntil: null,
          });
        }
        return published(stored);
      });
    }),
  read: (query) =>
    TE.fromIO(() => {
      const after = query.after === null ? 0 : Number(query.after);
      return [...state.outbox.values()]
        .filter((row) => row.position !== null && row.position > after)
        .filter((row) => query.organizationId === null || row.event.organizationId === query.organizationId)
        .filter((row) => query.types === null || query.types.includes(row.event.type))
        .sort((a, b) => a.position! - b.position!)
        .slice(0, query.limit)
        .map(published);
    }),
  trim: (before) =>
    TE.fromIO(() => {
      const old = [...state.outbox.values()].filter((row) => row.position !== null && row.event.occurredAt.getTime() < before.getTime());
      old.forEach((row) => state.outbox.delete(row.event.id));
      for (const [id, delivery] of state.eventDeliveries) {
        if (delivery.status !== 'pending' && delivery.createdAt.getTime() < before.getTime()) state.eventDeliveries.delete(id);
      }
      return old.length;
    }),
});
