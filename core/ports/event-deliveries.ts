import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { AttemptRecord, ClaimedEventDelivery, EventDelivery } from '../domain/event-delivery.js';
import type { EntityId, OrganizationId } from '../domain/ids.js';
import type { EventDeliveryNotFound, PersistenceFailure } from '../errors.js';

export interface DeliveryPage {
  readonly items: ReadonlyArray<EventDelivery>;
  /** The id to pass as `before` for the next page; null when there is no more. */
  readonly next: EntityId | null;
}

/**
 * The deliveries of published events to endpoints, shared safely by several deliverers: a claim
 * leases what it answers, and answers at most one delivery per (endpoint, task or connection), the
 * earliest still pending, so a later event for a task waits until the earlier one was delivered or
 * given up.
 */
export interface EventDeliveries {
  /** Leases up to `limit` due pending deliveries of enabled endpoints until `now + leaseMs`. */
  readonly claim: (limit: number, now: Date) => TE.TaskEither<PersistenceFailure, ReadonlyArray<ClaimedEventDelivery>>;
  /** Stores an attempt and its outcome, ends the lease, and updates the endpoint's failure state. */
  readonly recordAttempt: (record: AttemptRecord) => TE.TaskEither<PersistenceFailure, void>;
  /** Newest first, strictly before the delivery `before` when given. */
  readonly list: (
    organizationId: OrganizationId,
    endpointId: EntityId,
    page: { readonly limit: number; readonly before: EntityId | null },
  ) => TE.TaskEither<PersistenceFailure, DeliveryPage>;
  /** Makes a delivery pending again, due now and retried for another day. */
  readonly retry: (
    organizationId: OrganizationId,
    endpointId: EntityId,
    deliveryId: EntityId,
    now: Date,
  ) => TE.TaskEither<EventDeliveryNotFound | PersistenceFailure, EventDelivery>;
}
