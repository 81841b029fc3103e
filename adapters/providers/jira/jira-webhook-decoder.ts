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
import { JIRA_DEDUPE_HEADER } from './facts.js';
import { JiraEpochMillisCodec, parseJiraTimestamp } from './jira-time.js';
import { jiraSettingsOf } from './settings.js';
import { accountNamesOf, JiraIssueCodec, toSourceIssue, type JiraIssue } from './to-domain.js';
import { wikiToText } from './wiki-to-text.js';

/** The envelope of every Jira webhook; there is no event-type header, so `webhookEvent` routes it. */
const DeliveryCodec = t.intersection([t.type({ webhookEvent: t.string }), t.partial({ timestamp: JiraEpochMillisCodec, issue: t.unknown })], 'JiraWebhook');
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
const withUpdated = (issue: unknown, timestamp: Date | undefined): unknown =>
  isRecord(issue) && isRecord(issue.fields) && issue.fields.updated === undefined && timestamp !== undefined
    ? { ...issue, fields: { ...issue.fields, updated: timestamp.toISOString() } }
    : issue;

const hasFilter = (connection: WebhookConnection): boolean =>
  pipe(
    jiraSettingsOf(connection.settings),
    E.exists((settings) => (settings.jqlFilter ?? '').trim() !== ''),
  );

/**
 * Whether only REST v3 can say what the delivery's issue is for this connection: Jira does not
 * apply the connection's JQL filter to admin webhooks, and only Jira can evaluate JQL, so a
 * filtered connection reads the issue back through a search by id (reconciled, so the change is
 * seen); and a wiki description whose ADF text cannot be known from it (a mention of someone the
 * issue does not name, an image, an emoticon, a macro) is read as ADF, so one version has one text.
 */
const needsRead = (issue: JiraIssue, connection: WebhookConnection): boolean => {
  const description = issue.fields.description;
  return hasFilter(connection) || (typeof description === 'string' && !wikiToText(description, accountNamesOf(issue)).exact);
};

const upsertOf = (delivery: Delivery, connection: WebhookConnection): E.Either<WebhookPayloadInvalid, WebhookEvent> =>
  pipe(
    JiraIssueCodec.decode(withUpdated(delivery.issue, delivery.timestamp)),
    E.mapLeft((errors) => shapeError(`The issue of ${delivery.webhookEvent}`, errors)),
    E.map((issue): WebhookEvent => (needsRead(issue, connection) ? { kind: 'refetch', externalId: issue.id } : { kind: 'upsert', issue: toSourceIssue(connection.baseUrl)(issue) })),
  );

const deletionOf = (delivery: Delivery): E.Either<WebhookPayloadInvalid, WebhookEvent> =>
  pipe(
    IssueReferenceCodec.decode(delivery.issue),
    E.mapLeft((errors) => shapeError('The issue of jira:issue_deleted', errors)),
    E.chain((issue) => {
      const at = delivery.timestamp ?? parseJiraTimestamp(issue.fields.updated ?? '');
      return at === null
        ? E.left(webhookPayloadInvalid('jira:issue_deleted carries neither a timestamp nor the issue’s update time'))
        : E.right({ kind: 'delete', externalId: issue.id, occurredAt: at });
    }),
  );

/** Whether `decodeJiraDelivery` would read the delivery as an event taskport does not use. */
const ignoredName = (delivery: Delivery): string | null => (UPSERTS.has(delivery.webhookEvent) || delivery.webhookEvent === 'jira:issue_deleted' ? null : delivery.webhookEvent);

const eventOf = (delivery: Delivery, connection: WebhookConnection): E.Either<WebhookPayloadInvalid, WebhookEvent> => {
  if (UPSERTS.has(delivery.webhookEvent)) return upsertOf(delivery, connection);
  if (delivery.webhookEvent === 'jira:issue_deleted') return deletionOf(delivery);
  return E.right({ kind: 'ignored', name: delivery.webhookEvent });
};

const envelopeOf = (rawBody: Uint8Array, headers: WebhookHeaders) =>
  pipe(
    E.Do,
    E.apS('deliveryId', deliveryIdOf(rawBody, headers)),
    E.apS('json', parse(rawBody)),
    E.bind('delivery', ({ json }) => pipe(DeliveryCodec.decode(json), E.mapLeft((errors) => shapeError('The webhook body', errors)))),
  );

/**
 * What answering a delivery needs: its identifier and its event's name, from the envelope alone.
 * The issue (about 5 KB: io-ts, wiki markup to text) is read by `decodeJiraDelivery` when the
 * delivery is applied.
 */
export const identifyJiraDelivery = (rawBody: Uint8Array, headers: WebhookHeaders): E.Either<WebhookPayloadInvalid, WebhookEnvelope> =>
  pipe(
    envelopeOf(rawBody, headers),
    E.map(({ deliveryId, delivery }) => ({ deliveryId, ignored: ignoredName(delivery) })),
  );

/**
 * Jira Cloud webhooks: issue created and updated (and moved: a new key, the same id) become upserts
 * of the issue (REST v2 shape, its wiki description rendered to the text search gives), or a read
 * of it where only REST v3 can tell (see needsRead); deleted becomes a deletion; every other event
 * is acknowledged and ignored.
 */
export const decodeJiraDelivery = (rawBody: Uint8Array, headers: WebhookHeaders, connection: WebhookConnection): E.Either<WebhookPayloadInvalid, WebhookDelivery> =>
  pipe(
    envelopeOf(rawBody, headers),
    E.chain(({ deliveryId, delivery }) =>
      pipe(
        eventOf(delivery, connection),
        E.map((event): WebhookDelivery => ({ deliveryId, event })),
      ),
    ),
  );
