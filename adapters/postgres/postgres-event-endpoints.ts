import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { eventEndpointNotFound, type EventEndpoint, type EventEndpointRepository } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';
import { toEventEndpoint, type EndpointRow } from './schema/event-rows.js';

const INSERT = `
insert into event_endpoints (id, organization_id, url, description, event_types, enabled, signing_secret, previous_signing_secret,
  previous_secret_valid_until, failing_since, disabled_reason, disabled_at, created_at, updated_at)
values (?::uuid, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz)
returning *`;

// The failure state is the deliverer's: an edit keeps it, unless it switches the endpoint back on.
const UPDATE = `
update event_endpoints set
  failing_since = case when ?::boolean and not enabled then null else failing_since end,
  disabled_reason = case when ?::boolean and not enabled then null else disabled_reason end,
  disabled_at = case when ?::boolean and not enabled then null else disabled_at end,
  url = ?, description = ?, event_types = ?::jsonb, enabled = ?, signing_secret = ?, previous_signing_secret = ?,
  previous_secret_valid_until = ?::timestamptz, updated_at = ?::timestamptz
where id = ?::uuid and organization_id = ?
returning *`;

// The endpoint's deliveries go with it, in the same statement.
const DELETE = `
with gone as (delete from event_endpoints where id = ?::uuid and organization_id = ? returning id),
deliveries as (delete from event_deliveries where endpoint_id in (select id from gone))
select count(*)::int as deleted from gone`;

const one = (rows: ReadonlyArray<EndpointRow>) => (rows[0] === undefined ? E.right(null) : toEventEndpoint(rows[0]));

export const postgresEventEndpointRepository = (em: EntityManagerSource): EventEndpointRepository => ({
  insert: (e) =>
    pipe(
      attempt('Saving the event endpoint', () =>
        executeBound<EndpointRow>(em(), INSERT, [
          e.id,
          e.organizationId,
          e.url,
          e.description,
          JSON.stringify(e.eventTypes),
          e.enabled,
          e.signingSecret,
          e.previousSigningSecret?.secret ?? null,
          e.previousSigningSecret?.validUntil ?? null,
          e.failingSince,
          e.disabledReason,
          e.disabledAt,
          e.createdAt,
          e.updatedAt,
        ]),
      ),
      TE.chainEitherKW(one),
      TE.map((saved) => saved ?? e),
    ),
  update: (e: EventEndpoint) =>
    pipe(
      attempt('Saving the event endpoint', () =>
        isUuid(e.id)
          ? executeBound<EndpointRow>(em(), UPDATE, [
              e.enabled,
              e.enabled,
              e.enabled,
              e.url,
              e.description,
              JSON.stringify(e.eventTypes),
              e.enabled,
              e.signingSecret,
              e.previousSigningSecret?.secret ?? null,
              e.previousSigningSecret?.validUntil ?? null,
              e.updatedAt,
              e.id,
              e.organizationId,
            ])
          : Promise.resolve([]),
      ),
      TE.chainEitherKW(one),
      TE.chainW((saved) => (saved === null ? TE.left(eventEndpointNotFound(e.id)) : TE.right(saved))),
    ),
  findById: (organizationId, id) =>
    isUuid(id)
      ? pipe(
          attempt('Reading the event endpoint', () => executeBound<EndpointRow>(em(), 'select * from event_endpoints where id = ?::uuid and organization_id = ?', [id, organizationId])),
          TE.chainEitherKW(one),
        )
      : TE.right(null),
  list: (organizationId) =>
    pipe(
      attempt('Listing event endpoints', () => executeBound<EndpointRow>(em(), 'select * from event_endpoints where organization_id = ? order by created_at, id', [organizationId])),
      TE.chainEitherKW((rows) => E.traverseArray(toEventEndpoint)(rows)),
    ),
  delete: (organizationId, id) =>
    !isUuid(id)
      ? TE.left(eventEndpointNotFound(id))
      : pipe(
          attempt('Deleting the event endpoint', () => executeBound<{ deleted: number }>(em(), DELETE, [id, organizationId])),
          TE.chainW(([row]) => (row !== undefined && row.deleted > 0 ? TE.right(undefined) : TE.left(eventEndpointNotFound(id)))),
        ),
});
