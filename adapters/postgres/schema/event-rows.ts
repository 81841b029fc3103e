import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import {
  asEntityId,
  asOrganizationId,
  dateFromIsoString,
  isAuditAction,
  isEventType,
  persistenceFailure,
  AUDIT_ACTIONS,
  type AuditEntry,
  type Ciphertext,
  type EventCause,
  type EventDelivery,
  type EventEndpoint,
  type EventType,
  type JsonObject,
  type PersistenceFailure,
  type PublishedEvent,
} from '../../../core/index.js';

/** Raw rows as `select *` or `returning *` answer them: column names, bigints as text. */
export interface OutboxRow {
  id: string;
  organization_id: string;
  type: string;
  occurred_at: Date | string;
  cause: string;
  task_id: string | null;
  connection_id: string | null;
  data: unknown;
  position: string;
}

export interface EndpointRow {
  id: string;
  organization_id: string;
  url: string;
  description: string | null;
  event_types: unknown;
  enabled: boolean;
  signing_secret: string;
  previous_signing_secret: string | null;
  previous_secret_valid_until: Date | string | null;
  failing_since: Date | string | null;
  disabled_reason: string | null;
  disabled_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface DeliveryRow {
  id: string;
  organization_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  recent_attempts: unknown;
  next_attempt_at: Date | string | null;
  delivered_at: Date | string | null;
  created_at: Date | string;
}

export interface AuditRow {
  id: string;
  organization_id: string;
  occurred_at: Date | string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  summary: unknown;
  request_id: string | null;
}

const date = (value: Date | string): Date => new Date(value);
const dateOrNull = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

const bad = (what: string) => persistenceFailure(`A stored ${what} cannot be read`);

const jsonObject = (value: unknown, what: string): E.Either<PersistenceFailure, JsonObject> =>
  pipe(
    t.UnknownRecord.decode(value),
    E.bimap(
      () => bad(what),
      (record) => record as JsonObject,
    ),
  );

const eventType = (value: string): E.Either<PersistenceFailure, EventType> => (isEventType(value) ? E.right(value) : E.left(bad(`event type (${value})`)));

export const toPublishedEvent = (row: OutboxRow): E.Either<PersistenceFailure, PublishedEvent> =>
  pipe(
    E.Do,
    E.apS('type', eventType(row.type)),
    E.apS('data', jsonObject(row.data, 'event payload')),
    E.map(({ type, data }) => ({
      id: row.id,
      organizationId: asOrganizationId(row.organization_id),
      type,
      occurredAt: date(row.occurred_at),
      cause: row.cause as EventCause,
      taskId: row.task_id === null ? null : asEntityId(row.task_id),
      connectionId: row.connection_id === null ? null : asEntityId(row.connection_id),
      data,
      position: String(row.position),
    })),
  );

const EventTypesColumn = t.array(t.string);

export const toEventEndpoint = (row: EndpointRow): E.Either<PersistenceFailure, EventEndpoint> =>
  pipe(
    EventTypesColumn.decode(row.event_types),
    E.mapLeft(() => bad('list of event types')),
    E.chain((types) => (types.every(isEventType) ? E.right(types as ReadonlyArray<EventType>) : E.left(bad('list of event types')))),
    E.map((eventTypes) => ({
      id: asEntityId(row.id),
      organizationId: asOrganizationId(row.organization_id),
      url: row.url,
      description: row.description,
      eventTypes,
      enabled: row.enabled,
      signingSecret: row.signing_secret as Ciphertext,
      previousSigningSecret:
        row.previous_signing_secret === null || row.previous_secret_valid_until === null
          ? null
          : { secret: row.previous_signing_secret as Ciphertext, validUntil: date(row.previous_secret_valid_until) },
      failingSince: dateOrNull(row.failing_since),
      disabledReason: row.disabled_reason,
      disabledAt: dateOrNull(row.disabled_at),
      createdAt: date(row.created_at),
      updatedAt: date(row.updated_at),
    })),
  );

const AttemptsColumn = t.array(
  t.type({ at: dateFromIsoString, statusCode: t.union([t.number, t.null]), error: t.union([t.string, t.null]), durationMs: t.number }),
);

export const toEventDelivery = (row: DeliveryRow): E.Either<PersistenceFailure, EventDelivery> =>
  pipe(
    E.Do,
    E.apS('eventType', eventType(row.event_type)),
    E.apS('recentAttempts', pipe(AttemptsColumn.decode(row.recent_attempts), E.mapLeft(() => bad('list of delivery attempts')))),
    E.map(({ eventType: type, recentAttempts }) => ({
      id: asEntityId(row.id),
      organizationId: asOrganizationId(row.organization_id),
      endpointId: asEntityId(row.endpoint_id),
      eventId: row.event_id,
      eventType: type,
      status: row.status as EventDelivery['status'],
      attempts: row.attempts,
      recentAttempts,
      nextAttemptAt: dateOrNull(row.next_attempt_at),
      deliveredAt: dateOrNull(row.delivered_at),
      createdAt: date(row.created_at),
    })),
  );

export const toAuditEntry = (row: AuditRow): E.Either<PersistenceFailure, AuditEntry> =>
  pipe(
    jsonObject(row.summary, 'audit summary'),
    E.chain((summary) =>
      isAuditAction(row.action)
        ? E.right({
            id: row.id,
            organizationId: asOrganizationId(row.organization_id),
            occurredAt: date(row.occurred_at),
            actor: row.actor,
            action: row.action,
            targetType: AUDIT_ACTIONS[row.action],
            targetId: row.target_id,
            summary,
            requestId: row.request_id,
          })
        : E.left(bad(`audit action (${row.action})`)),
    ),
  );
