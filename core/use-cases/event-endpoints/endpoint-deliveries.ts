import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeQuery } from '../../codecs/decode.js';
import { DeliveryListQueryCodec } from '../../codecs/event-input.js';
import type { EventDelivery } from '../../domain/event-delivery.js';
import { asEntityId, isUuid, type EntityId, type OrganizationId } from '../../domain/ids.js';
import { invalidQuery, type DomainError, type InvalidQuery } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { EventDeliveries } from '../../ports/event-deliveries.js';
import type { EventEndpointRepository } from '../../ports/event-endpoint-repository.js';
import { loadEndpoint } from './endpoint-deps.js';

export interface DeliveriesDeps {
  readonly eventEndpoints: EventEndpointRepository;
  readonly eventDeliveries: EventDeliveries;
  readonly clock: Clock;
}

export interface DeliveryListPage {
  readonly items: ReadonlyArray<EventDelivery>;
  /** Opaque; pass it back as `cursor` for the next page. */
  readonly nextCursor: string | null;
}

const cursorOf = (cursor: string | undefined): E.Either<InvalidQuery, EntityId | null> => {
  if (cursor === undefined) return E.right(null);
  return isUuid(cursor) ? E.right(asEntityId(cursor.toLowerCase())) : E.left(invalidQuery([{ path: 'cursor', message: 'is not a cursor this API returned' }]));
};

const pageOf = (query: unknown) =>
  pipe(
    decodeQuery(DeliveryListQueryCodec)(query),
    E.chain((q) => pipe(cursorOf(q.cursor), E.map((before) => ({ limit: q.limit ?? 50, before })))),
  );

/** An endpoint's deliveries with their latest attempts, newest first. */
export const listEventDeliveries =
  (deps: DeliveriesDeps) =>
  (organizationId: OrganizationId, endpointId: EntityId, query: unknown): TE.TaskEither<DomainError, DeliveryListPage> =>
    pipe(
      TE.fromEither(pageOf(query)),
      TE.chainFirstW(() => loadEndpoint(deps.eventEndpoints)(organizationId, endpointId)),
      TE.chainW((page) => deps.eventDeliveries.list(organizationId, endpointId, page)),
      TE.map((page) => ({ items: page.items, nextCursor: page.next })),
    );

/** Sends a delivery again now (and for another day if it keeps failing), whatever became of it. */
export const retryEventDelivery =
  (deps: DeliveriesDeps) =>
  (organizationId: OrganizationId, endpointId: EntityId, deliveryId: EntityId): TE.TaskEither<DomainError, EventDelivery> =>
    pipe(
      loadEndpoint(deps.eventEndpoints)(organizationId, endpointId),
      TE.chainW(() => deps.eventDeliveries.retry(organizationId, endpointId, deliveryId, deps.clock.now())),
    );
