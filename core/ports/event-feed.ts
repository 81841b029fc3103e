import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OrganizationId } from '../domain/ids.js';
import type { EventType, PublishedEvent } from '../domain/outbox-event.js';
import type { PersistenceFailure } from '../errors.js';

export interface FeedQuery {
  /** One organization's events, or (for in-process subscribers of the host) every organization's. */
  readonly organizationId: OrganizationId | null;
  /** Strictly after this position; null from the oldest event still kept. */
  readonly after: string | null;
  /** Only these types; null for every type. */
  readonly types: ReadonlyArray<EventType> | null;
  readonly limit: number;
}

/**
 * The published events, in one order every reader shares. Publishing gives committed outbox events
 * their positions one publisher at a time, so a position is never taken by an event that becomes
 * visible after a later one: a reader that has seen position n has seen everything before it.
 */
export interface EventFeed {
  /**
   * Publishes up to `limit` committed events not yet published, oldest first: gives each its
   * position and, in the same transaction, a pending delivery for every enabled endpoint of its
   * organization that subscribes to its type. Safe to run from several processes at once.
   */
  readonly publishPending: (limit: number, now: Date) => TE.TaskEither<PersistenceFailure, ReadonlyArray<PublishedEvent>>;
  /** Published events in position order. */
  readonly read: (query: FeedQuery) => TE.TaskEither<PersistenceFailure, ReadonlyArray<PublishedEvent>>;
  /** Forgets published events that occurred before `before`, and finished deliveries made before it; answers how many events went. */
  readonly trim: (before: Date) => TE.TaskEither<PersistenceFailure, number>;
}
