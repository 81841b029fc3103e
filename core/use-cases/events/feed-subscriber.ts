import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { PublishedEvent } from '../../domain/outbox-event.js';
import type { PersistenceFailure } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { EventFeed } from '../../ports/event-feed.js';
import type { EventSubscriptions } from '../../ports/event-subscriptions.js';

export interface FeedSubscriberDeps {
  readonly eventFeed: EventFeed;
  readonly eventSubscriptions: EventSubscriptions;
  readonly clock: Clock;
}

/** A host's handler: resolves once the event is handled; a rejection stops the pass at this event. */
export type EventHandler = (event: PublishedEvent) => Promise<void>;

export interface SubscriberPass {
  /** False when another holder has the subscription. */
  readonly leased: boolean;
  readonly handled: number;
  /** Whether the handler refused an event (it is handed over again next pass). */
  readonly stopped: boolean;
}

const handleInOrder = async (events: ReadonlyArray<PublishedEvent>, handler: EventHandler): Promise<{ readonly last: string | null; readonly handled: number; readonly stopped: boolean }> => {
  let last: string | null = null;
  let handled = 0;
  for (const event of events) {
    try {
      await handler(event);
    } catch {
      return { last, handled, stopped: true };
    }
    last = event.position;
    handled += 1;
  }
  return { last, handled, stopped: false };
};

/**
 * One pass of an in-process subscription: while holding its lease, hands the events after its
 * position to `handler` one by one, in feed order, and stores how far it got. At least once: an
 * event handled just before a crash is handed over again; its id tells the handler.
 */
export const feedSubscriber =
  (deps: FeedSubscriberDeps) =>
  (subscription: { readonly name: string; readonly holder: string; readonly leaseMs: number }, handler: EventHandler, limit: number): TE.TaskEither<PersistenceFailure, SubscriberPass> => {
    const now = deps.clock.now();
    const { name, holder } = subscription;
    return pipe(
      deps.eventSubscriptions.lease(name, holder, now, new Date(now.getTime() + subscription.leaseMs)),
      TE.chain((lease) =>
        !lease.leased
          ? TE.right<PersistenceFailure, SubscriberPass>({ leased: false, handled: 0, stopped: false })
          : pipe(
              deps.eventFeed.read({ organizationId: null, after: lease.position, types: null, limit }),
              TE.chain((events) => TE.fromTask(() => handleInOrder(events, handler))),
              TE.chainFirst((done) => (done.last === null ? TE.right(false) : deps.eventSubscriptions.advance(name, holder, done.last))),
              TE.map((done) => ({ leased: true, handled: done.handled, stopped: done.stopped })),
            ),
      ),
    );
  };
