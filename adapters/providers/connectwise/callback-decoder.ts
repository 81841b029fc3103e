import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import { toFieldIssues, webhookPayloadInvalid, type WebhookDelivery, type WebhookEvent, type WebhookPayloadInvalid } from '../../../core/index.js';
import type { TicketKind } from './facts.js';
import { externalIdOf } from './to-domain.js';

/** A callback's envelope; `Entity` is the record as a JSON string (null on deletions). */
export const CallbackCodec = t.intersection(
  [
    t.type({ Action: t.string, Type: t.string, ID: t.number }),
    t.partial({ Entity: t.union([t.string, t.null]), MessageId: t.string, CompanyId: t.string, Metadata: t.partial({ key_url: t.string }) }),
  ],
  'ConnectWiseCallback',
);
export type Callback = t.TypeOf<typeof CallbackCodec>;

const EntityCodec = t.intersection([t.type({ id: t.number }), t.partial({ recordType: t.string })]);
const DELIVERY_ID = /^[\x21-\x7e]{1,200}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as JSON, or null: `verify` needs the key URL before anything is trusted. */
export const parseCallback = (rawBody: Uint8Array): E.Either<WebhookPayloadInvalid, Callback> =>
  pipe(
    E.tryCatch(() => JSON.parse(utf8.decode(rawBody)) as unknown, () => webhookPayloadInvalid('The callback body is not JSON')),
    E.chain((json) =>
      E.mapLeft((errors: t.Errors) => webhookPayloadInvalid(`The callback body does not have the expected shape: ${toFieldIssues(errors).map((i) => `${i.path} ${i.message}`).join('; ')}`))(
        CallbackCodec.decode(json),
      ),
    ),
  );

/** The entity, parsed a second time; null when absent, unreadable or about another record. */
const entityOf = (callback: Callback): t.TypeOf<typeof EntityCodec> | null => {
  if (typeof callback.Entity !== 'string') return null;
  const parsed = E.tryCatch(() => JSON.parse(callback.Entity as string) as unknown, () => null);
  const entity = E.isRight(parsed) ? EntityCodec.decode(parsed.right) : E.left([]);
  return E.isRight(entity) && entity.right.id === callback.ID ? entity.right : null;
};

const kindOf = (entity: t.TypeOf<typeof EntityCodec> | null): TicketKind => (entity?.recordType?.toLowerCase() === 'projectticket' ? 'project' : 'service');

/**
 * A ticket added or updated is fetched again rather than taken from `Entity`: the callback covers
 * every ticket of the company, and only a read applies the connection's boards, member and
 * conditions (and maps statuses with the board's metadata). A deletion needs no read; without an
 * entity it names a service ticket (see README: a deleted project ticket is caught by the sync).
 */
const eventOf = (callback: Callback, receivedAt: Date): WebhookEvent => {
  if (callback.Type.toLowerCase() !== 'ticket') return { kind: 'ignored', name: `${callback.Type}:${callback.Action}` };
  const externalId = externalIdOf(kindOf(entityOf(callback)), callback.ID);
  switch (callback.Action.toLowerCase()) {
    case 'deleted':
      return { kind: 'delete', externalId, occurredAt: receivedAt };
    case 'added':
    case 'updated':
      return { kind: 'refetch', externalId };
    default:
      return { kind: 'ignored', name: `ticket:${callback.Action}` };
  }
};

/** `MessageId` is unchanged across ConnectWise's retries; without it, the body itself is. */
const deliveryIdOf = (rawBody: Uint8Array, callback: Callback): E.Either<WebhookPayloadInvalid, string> => {
  if (callback.MessageId === undefined) return E.right(`sha256:${createHash('sha256').update(rawBody).digest('hex')}`);
  return DELIVERY_ID.test(callback.MessageId) ? E.right(callback.MessageId) : E.left(webhookPayloadInvalid('MessageId must be 1 to 200 visible ASCII characters'));
};

export const decodeConnectWiseCallback =
  (now: () => Date = () => new Date()) =>
  (rawBody: Uint8Array): E.Either<WebhookPayloadInvalid, WebhookDelivery> =>
    pipe(
      parseCallback(rawBody),
      E.chain((callback) => E.map((deliveryId: string): WebhookDelivery => ({ deliveryId, event: eventOf(callback, now()) }))(deliveryIdOf(rawBody, callback))),
    );
