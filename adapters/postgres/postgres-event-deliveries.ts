import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  KEPT_ATTEMPTS,
  asEntityId,
  asOrganizationId,
  eventDeliveryNotFound,
  isEventType,
  persistenceFailure,
  type Ciphertext,
  type ClaimedEventDelivery,
  type EventDeliveries,
  type EventDelivery,
  type EventDeliveryNotFound,
  type PersistenceFailure,
} from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';
import { toEventDelivery, type DeliveryRow } from './schema/event-rows.js';

export const DEFAULT_DELIVERY_LEASE_MS = 60_000;

// Due, not leased, of an enabled endpoint, and the earliest still pending of its task for that
// endpoint: a later event waits. `skip locked` keeps two deliverers off the same row.
const CLAIM = `
with due as (
  select d.id from event_deliveries d
  join event_endpoints e on e.id = d.endpoint_id and e.enabled
  where d.status = 'pending' and d.next_attempt_at <= ?::timestamptz and (d.lease_until is null or d.lease_until <= ?::timestamptz)
    and not exists (
      select 1 from event_deliveries p
      where p.endpoint_id = d.endpoint_id and p.order_key = d.order_key and p.status = 'pending' and p.position < d.position
    )
  order by d.next_attempt_at, d.position
  limit ?
  for update of d skip locked
)
update event_deliveries d set lease_until = ?::timestamptz
from due, event_endpoints e
where d.id = due.id and e.id = d.endpoint_id
returning d.id, d.organization_id, d.endpoint_id, d.event_id, d.event_type, d.body, d.attempts, d.first_attempt_at,
  e.url, e.signing_secret, e.previous_signing_secret, e.previous_secret_valid_until, e.failing_since`;

// The attempt joins the latest few; the endpoint's failure state moves with the outcome.
const RECORD = `
with delivery as (
  update event_deliveries set
    attempts = attempts + 1,
    recent_attempts = (
      select coalesce(jsonb_agg(a.x order by a.n), '[]'::jsonb)
      from (select x, n from jsonb_array_elements(recent_attempts || ?::jsonb) with ordinality as t(x, n) order by n desc limit ?) a
    ),
    status = ?, next_attempt_at = ?::timestamptz, delivered_at = coalesce(?::timestamptz, delivered_at),
    first_attempt_at = coalesce(first_attempt_at, ?::timestamptz), lease_until = null
  where id = ?::uuid
  returning id
)
update event_endpoints set
  failing_since = case when ?::boolean then null else coalesce(failing_since, ?::timestamptz) end,
  enabled = case when ?::text is null then enabled else false end,
  disabled_reason = coalesce(?::text, disabled_reason),
  disabled_at = case when ?::text is null then disabled_at else ?::timestamptz end
where id = ?::uuid`;

const DELIVERY_COLUMNS = 'id, organization_id, endpoint_id, event_id, event_type, status, attempts, recent_attempts, next_attempt_at, delivered_at, created_at';

const LIST = (before: boolean) => `
select ${DELIVERY_COLUMNS} from event_deliveries
where endpoint_id = ?::uuid and organization_id = ? ${before ? 'and id < ?::uuid' : ''}
order by id desc
limit ?`;

const RETRY = `
update event_deliveries set status = 'pending', next_attempt_at = ?::timestamptz, first_attempt_at = null, lease_until = null
where id = ?::uuid and endpoint_id = ?::uuid and organization_id = ?
returning ${DELIVERY_COLUMNS}`;

interface ClaimedRow {
  id: string;
  organization_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  first_attempt_at: Date | string | null;
  url: string;
  signing_secret: string;
  previous_signing_secret: string | null;
  previous_secret_valid_until: Date | string | null;
  failing_since: Date | string | null;
}

const toClaimed = (row: ClaimedRow): E.Either<PersistenceFailure, ClaimedEventDelivery> =>
  isEventType(row.event_type)
    ? E.right({
        id: asEntityId(row.id),
        organizationId: asOrganizationId(row.organization_id),
        endpointId: asEntityId(row.endpoint_id),
        eventId: row.event_id,
        eventType: row.event_type,
        body: row.body,
        attempts: row.attempts,
        firstAttemptAt: row.first_attempt_at === null ? null : new Date(row.first_attempt_at),
        endpoint: {
          url: row.url,
          signingSecret: row.signing_secret as Ciphertext,
          previousSigningSecret:
            row.previous_signing_secret === null || row.previous_secret_valid_until === null
              ? null
              : { secret: row.previous_signing_secret as Ciphertext, validUntil: new Date(row.previous_secret_valid_until) },
          failingSince: row.failing_since === null ? null : new Date(row.failing_since),
        },
      })
    : E.left(persistenceFailure(`A stored delivery has an unknown event type (${row.event_type})`));

/** The deliveries on PostgreSQL, leased with `for update skip locked` like the webhook inbox. */
export const postgresEventDeliveries = (em: EntityManagerSource, options: { readonly leaseMs?: number } = {}): EventDeliveries => {
  const leaseMs = options.leaseMs ?? DEFAULT_DELIVERY_LEASE_MS;
  return {
    claim: (limit, now) =>
      pipe(
        attempt('Claiming event deliveries', () => executeBound<ClaimedRow>(em(), CLAIM, [now, now, limit, new Date(now.getTime() + leaseMs)])),
        TE.chainEitherKW((rows) => E.traverseArray(toClaimed)(rows)),
      ),
    recordAttempt: ({ deliveryId, endpointId, attempt: made, outcome, disableEndpoint }) => {
      const status = outcome.kind === 'delivered' ? 'delivered' : outcome.kind === 'retry' ? 'pending' : 'failed';
      const params = [
        JSON.stringify([made]),
        KEPT_ATTEMPTS,
        status,
        outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
        outcome.kind === 'delivered' ? made.at : null,
        made.at,
        deliveryId,
        outcome.kind === 'delivered',
        made.at,
        disableEndpoint,
        disableEndpoint,
        disableEndpoint,
        made.at,
        endpointId,
      ];
      return pipe(
        attempt('Recording a delivery attempt', () => executeBound(em(), RECORD, params)),
        TE.map(() => undefined),
      );
    },
    list: (organizationId, endpointId, page) => {
      if (!isUuid(endpointId) || (page.before !== null && !isUuid(page.before))) return TE.right({ items: [], next: null });
      const params = [endpointId, organizationId, ...(page.before === null ? [] : [page.before]), page.limit + 1];
      return pipe(
        attempt('Listing event deliveries', () => executeBound<DeliveryRow>(em(), LIST(page.before !== null), params)),
        TE.chainEitherKW((rows) =>
          pipe(
            E.traverseArray(toEventDelivery)(rows.slice(0, page.limit)),
            E.map((items) => ({ items, next: rows.length > page.limit ? items.at(-1)!.id : null })),
          ),
        ),
      );
    },
    retry: (organizationId, endpointId, deliveryId, now) =>
      !isUuid(deliveryId) || !isUuid(endpointId)
        ? TE.left(eventDeliveryNotFound(deliveryId))
        : pipe(
            attempt('Retrying an event delivery', () =>
              executeBound<DeliveryRow>(em(), RETRY, [now, deliveryId, endpointId, organizationId]),
            ),
            TE.chainW(([row]): TE.TaskEither<EventDeliveryNotFound | PersistenceFailure, EventDelivery> =>
              row === undefined ? TE.left(eventDeliveryNotFound(deliveryId)) : TE.fromEither(toEventDelivery(row)),
            ),
          ),
  };
};
