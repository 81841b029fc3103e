import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import {
  toFieldIssues,
  webhookPayloadInvalid,
  type WebhookConnection,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookHeaders,
  type WebhookPayloadInvalid,
} from '../../../core/index.js';
import { JIRA_DEDUPE_HEADER } from './facts.js';
import { parseJiraTimestamp } from './jira-time.js';
import { JiraIssueCodec, toSourceIssue } from './to-domain.js';

/** The envelope of every Jira webhook; there is no event-type header, so `webhookEvent` routes it. */
const DeliveryCodec = t.intersection([t.type({ webhookEvent: t.string }), t.partial({ timestamp: t.number, issue: t.unknown })], 'JiraWebhook');
type Delivery = t.TypeOf<typeof DeliveryCodec>;
const IssueReferenceCodec = t.type({ id: t.string, fields: t.partial({ updated: t.string }) }, 'JiraIssueReference');

const UPSERTS = new Set(['jira:issue_created', 'jira:issue_updated']);
const DELIVERY_ID = /^[\x21-\x7e]{1,200}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const shapeError = (what: string, errors: t.Errors) =>
  webhookPayloadInvalid(`${what} does not have the expected shape: ${toFieldIssues(errors).map((i) => `${i.path} ${i.message}`).join('; ')}`);

/** `X-Atlassian-Webhook-Identifier` is the same on every retry of a delivery; without it, the body itself is. */
const deliveryIdOf = (rawBody: Uint8Array, headers: WebhookHeaders): E.Either<WebhookPayloadInvalid, string> => {
  const given = headers[JIRA_DEDUPE_HEADER];
  if (given === undefined) return E.right(`sha256:${createHash('sha256').update(rawBody).digest('hex')}`);
  return DELIVERY_ID.test(given) ? E.right(given) : E.left(webhookPayloadInvalid('X-Atlassian-Webhook-Identifier must be 1 to 200 visible ASCII characters'));
};

const parse = (rawBody: Uint8Array): E.Either<WebhookPayloadInvalid, unknown> =>
  E.tryCatch(() => JSON.parse(utf8.decode(rawBody)) as unknown, () => webhookPayloadInvalid('The webhook body is not JSON'));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Jira always sends `updated`; were a field configuration to hide it, the event's own time is the best version there is. */
const withUpdated = (issue: unknown, timestamp: number | undefined): unknown =>
  isRecord(issue) && isRecord(issue.fields) && issue.fields.updated === undefined && timestamp !== undefined
    ? { ...issue, fields: { ...issue.fields, updated: new Date(timestamp).toISOString() } }
    : issue;

const upsertOf = (delivery: Delivery, baseUrl: string): E.Either<WebhookPayloadInvalid, WebhookEvent> =>
  pipe(
    JiraIssueCodec.decode(withUpdated(delivery.issue, delivery.timestamp)),
    E.mapLeft((errors) => shapeError(`The issue of ${delivery.webhookEvent}`, errors)),
    E.map((issue) => ({ kind: 'upsert', issue: toSourceIssue(baseUrl)(issue) })),
  );

const deletionOf = (delivery: Delivery): E.Either<WebhookPayloadInvalid, WebhookEvent> =>
  pipe(
    IssueReferenceCodec.decode(delivery.issue),
    E.mapLeft((errors) => shapeError('The issue of jira:issue_deleted', errors)),
    E.chain((issue) => {
      const at = delivery.timestamp !== undefined ? new Date(delivery.timestamp) : parseJiraTimestamp(issue.fields.updated ?? '');
      return at === null || Number.isNaN(at.getTime())
        ? E.left(webhookPayloadInvalid('jira:issue_deleted carries neither a timestamp nor the issue’s update time'))
        : E.right({ kind: 'delete', externalId: issue.id, occurredAt: at });
    }),
  );

const eventOf = (delivery: Delivery, baseUrl: string): E.Either<WebhookPayloadInvalid, WebhookEvent> => {
  if (UPSERTS.has(delivery.webhookEvent)) return upsertOf(delivery, baseUrl);
  if (delivery.webhookEvent === 'jira:issue_deleted') return deletionOf(delivery);
  return E.right({ kind: 'ignored', name: delivery.webhookEvent });
};

/**
 * Jira Cloud webhooks: issue created and updated become upserts of the issue (REST v2 shape, wiki
 * markup description, decoded by the same codec as search), deleted becomes a deletion, and every
 * other event is acknowledged and ignored.
 */
export const decodeJiraDelivery = (rawBody: Uint8Array, headers: WebhookHeaders, connection: WebhookConnection): E.Either<WebhookPayloadInvalid, WebhookDelivery> =>
  pipe(
    E.Do,
    E.apS('deliveryId', deliveryIdOf(rawBody, headers)),
    E.apS('json', parse(rawBody)),
    E.bind('delivery', ({ json }) => pipe(DeliveryCodec.decode(json), E.mapLeft((errors) => shapeError('The webhook body', errors)))),
    E.chain(({ deliveryId, delivery }) =>
      pipe(
        eventOf(delivery, connection.baseUrl),
        E.map((event): WebhookDelivery => ({ deliveryId, event })),
      ),
    ),
  );
