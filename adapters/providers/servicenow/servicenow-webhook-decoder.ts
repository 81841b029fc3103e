import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import {
  toFieldIssues,
  webhookPayloadInvalid,
  type WebhookConnection,
  type WebhookDelivery,
  type WebhookEnvelope,
  type WebhookEvent,
  type WebhookHeaders,
  type WebhookPayloadInvalid,
} from '../../../core/index.js';
import { SERVICENOW_DELIVERY_HEADER } from './facts.js';
import { carriedNames } from './referenced-names.js';
import { serviceNowSettingsOf } from './settings.js';
import { parseServiceNowDateTime } from './servicenow-time.js';
import { ServiceNowRecordCodec, toSourceIssue } from './to-domain.js';

/**
 * What the business rule taskport documents posts (docs/servicenow.md): the table, the record's
 * sys_id, the operation, its sys_mod_count, when it happened (UTC), and optionally the record itself
 * in Table API form (values as strings, references as sys_ids, the assignee's e-mail and the
 * group's name dot-walked).
 */
const DeliveryCodec = t.intersection(
  [
    t.type({ table: t.string, sys_id: t.string, operation: t.keyof({ insert: null, update: null, delete: null }) }),
    t.partial({ sys_mod_count: t.union([t.string, t.number]), occurred_at: t.string, record: t.unknown }),
  ],
  'ServiceNowDelivery',
);
type Delivery = t.TypeOf<typeof DeliveryCodec>;

const DELIVERY_ID = /^[\x21-\x7e]{1,200}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const shapeError = (what: string, errors: t.Errors) =>
  webhookPayloadInvalid(`${what} does not have the expected shape: ${toFieldIssues(errors).map((i) => `${i.path} ${i.message}`).join('; ')}`);

const parse = (rawBody: Uint8Array): E.Either<WebhookPayloadInvalid, Delivery> =>
  pipe(
    E.tryCatch(() => JSON.parse(utf8.decode(rawBody)) as unknown, () => webhookPayloadInvalid('The webhook body is not JSON')),
    E.chain((json) => pipe(DeliveryCodec.decode(json), E.mapLeft((errors) => shapeError('The webhook body', errors)))),
  );

const modCountOf = (delivery: Delivery): string | null => {
  const record = delivery.record as Record<string, unknown> | undefined;
  const count = delivery.sys_mod_count ?? (typeof record?.sys_mod_count === 'string' ? record.sys_mod_count : undefined);
  return count === undefined || String(count).trim() === '' ? null : String(count).trim();
};

/**
 * `X-Taskport-Delivery` when the script sets one (the same on its retries); otherwise the change
 * itself: table, sys_id, sys_mod_count and operation name one version of one record.
 */
const deliveryIdOf = (rawBody: Uint8Array, headers: WebhookHeaders, delivery: Delivery): E.Either<WebhookPayloadInvalid, string> => {
  const given = headers[SERVICENOW_DELIVERY_HEADER];
  if (given !== undefined) return DELIVERY_ID.test(given) ? E.right(given) : E.left(webhookPayloadInvalid('X-Taskport-Delivery must be 1 to 200 visible ASCII characters'));
  const count = modCountOf(delivery);
  const change = `${delivery.table}:${delivery.sys_id}:${count}:${delivery.operation}`;
  return E.right(count !== null && DELIVERY_ID.test(change) ? change : `sha256:${createHash('sha256').update(rawBody).digest('hex')}`);
};

const deletionOf = (delivery: Delivery): E.Either<WebhookPayloadInvalid, WebhookEvent> => {
  const record = delivery.record as Record<string, unknown> | undefined;
  const text = delivery.occurred_at ?? (typeof record?.sys_updated_on === 'string' ? record.sys_updated_on : '');
  const at = parseServiceNowDateTime(text);
  return at === null
    ? E.left(webhookPayloadInvalid('A delete must carry occurred_at (or record.sys_updated_on) as a UTC date-time such as 2026-01-22 14:12:37'))
    : E.right({ kind: 'delete', externalId: delivery.sys_id, occurredAt: at });
};

/** The record carried, when taskport can take it as it is: no filter to apply, and the names it needs carried along. */
const upsertOf = (delivery: Delivery, connection: WebhookConnection, filtered: boolean): E.Either<WebhookPayloadInvalid, WebhookEvent> => {
  const refetch: WebhookEvent = { kind: 'refetch', externalId: delivery.sys_id };
  if (delivery.record === undefined || filtered) return E.right(refetch);
  return pipe(
    ServiceNowRecordCodec.decode(delivery.record),
    E.mapLeft((errors) => shapeError(`The record of ${delivery.table} ${delivery.operation}`, errors)),
    E.chain((record) => (record.sys_id === delivery.sys_id ? E.right(record) : E.left(webhookPayloadInvalid('record.sys_id is not the delivery’s sys_id')))),
    E.map((record) => {
      const names = carriedNames(record);
      return names === undefined ? refetch : { kind: 'upsert', issue: toSourceIssue(connection.baseUrl, delivery.table, record, names) };
    }),
  );
};

/** The tables the connection syncs; unreadable settings leave the decision to fetchIssues, which reports them. */
const syncedTables = (connection: WebhookConnection, delivery: Delivery): ReadonlyArray<string> => {
  const settings = serviceNowSettingsOf(connection.settings);
  return E.isRight(settings) ? settings.right.tables : [delivery.table];
};

/**
 * What answering a delivery needs, from the envelope alone: its identifier, and whether its table
 * is synced (a delete's time is checked too, as cheap as it is). The record it carries is read by
 * `decodeServiceNowDelivery` when the delivery is applied.
 */
export const identifyServiceNowDelivery = (rawBody: Uint8Array, headers: WebhookHeaders, connection: WebhookConnection): E.Either<WebhookPayloadInvalid, WebhookEnvelope> =>
  pipe(
    parse(rawBody),
    E.bindTo('delivery'),
    E.bind('deliveryId', ({ delivery }) => deliveryIdOf(rawBody, headers, delivery)),
    E.chain(({ delivery, deliveryId }): E.Either<WebhookPayloadInvalid, WebhookEnvelope> => {
      if (!syncedTables(connection, delivery).includes(delivery.table)) return E.right({ deliveryId, ignored: `${delivery.table}.${delivery.operation}` });
      return delivery.operation === 'delete' ? E.map(() => ({ deliveryId, ignored: null }))(deletionOf(delivery)) : E.right({ deliveryId, ignored: null });
    }),
  );

/**
 * Business-rule deliveries: a change to a table the connection syncs becomes an upsert of the
 * record it carries, or a refetch by sys_id when it carries none (or the connection's filter must
 * decide, which only the instance can); a delete marks the task deleted; other tables are ignored.
 */
export const decodeServiceNowDelivery = (rawBody: Uint8Array, headers: WebhookHeaders, connection: WebhookConnection): E.Either<WebhookPayloadInvalid, WebhookDelivery> =>
  pipe(
    parse(rawBody),
    E.bindTo('delivery'),
    E.bind('deliveryId', ({ delivery }) => deliveryIdOf(rawBody, headers, delivery)),
    E.bind('event', ({ delivery }): E.Either<WebhookPayloadInvalid, WebhookEvent> => {
      if (!syncedTables(connection, delivery).includes(delivery.table)) return E.right({ kind: 'ignored', name: `${delivery.table}.${delivery.operation}` });
      if (delivery.operation === 'delete') return deletionOf(delivery);
      const settings = serviceNowSettingsOf(connection.settings);
      return upsertOf(delivery, connection, E.isLeft(settings) || settings.right.filter !== null);
    }),
    E.map(({ deliveryId, event }) => ({ deliveryId, event })),
  );
