import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { PublishedEvent } from '../../domain/outbox-event.js';
import type { PersistenceFailure } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { EventFeed } from '../../ports/event-feed.js';

export interface PublishEventsDeps {
  readonly eventFeed: EventFeed;
  readonly clock: Clock;
}

/**
 * One pass of the outbox relay: committed events get their feed positions and their deliveries.
 * Safe from any number of processes at once; a job queue can run it as a job as well.
 */
export const publishEvents =
  (deps: PublishEventsDeps) =>
  (limit: number): TE.TaskEither<PersistenceFailure, ReadonlyArray<PublishedEvent>> =>
    deps.eventFeed.publishPending(limit, deps.clock.now());

/** Forgets published events (and finished deliveries) older than the retention window. */
export const trimEvents =
  (deps: PublishEventsDeps) =>
  (retentionMs: number): TE.TaskEither<PersistenceFailure, number> =>
    deps.eventFeed.trim(new Date(deps.clock.now().getTime() - retentionMs));
