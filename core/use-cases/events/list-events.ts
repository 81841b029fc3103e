import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeQuery } from '../../codecs/decode.js';
import { EventFeedQueryCodec } from '../../codecs/event-input.js';
import type { OrganizationId } from '../../domain/ids.js';
import type { JsonObject } from '../../domain/json.js';
import { eventEnvelope } from '../../domain/outbox-event.js';
import type { InvalidQuery, PersistenceFailure } from '../../errors.js';
import type { EventFeed } from '../../ports/event-feed.js';

export const DEFAULT_FEED_LIMIT = 100;

export interface EventFeedPage {
  /** Each event as a delivery carries it, plus its `position`. */
  readonly items: ReadonlyArray<JsonObject>;
  /** Where to continue (`after`): the last position answered, or the one given when none was. */
  readonly nextCursor: string | null;
}

/**
 * The organization's events after a cursor, in the order they were committed, for products that
 * pull (or catch up after downtime). Without `after`, from the oldest event still kept.
 */
export const listEvents =
  (deps: { readonly eventFeed: EventFeed }) =>
  (organizationId: OrganizationId, query: unknown): TE.TaskEither<InvalidQuery | PersistenceFailure, EventFeedPage> =>
    pipe(
      TE.fromEither(decodeQuery(EventFeedQueryCodec)(query)),
      TE.chainW((q) =>
        pipe(
          deps.eventFeed.read({ organizationId, after: q.after ?? null, types: q.types ?? null, limit: q.limit ?? DEFAULT_FEED_LIMIT }),
          TE.map((events) => ({
            items: events.map((event) => ({ ...eventEnvelope(event), position: event.position })),
            nextCursor: events.at(-1)?.position ?? q.after ?? null,
          })),
        ),
      ),
    );
