import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import {
  CATEGORY_PREFIX,
  DEFAULT_KEY,
  toFieldIssues,
  webhookPayloadInvalid,
  type FieldMappings,
  type OAuthProfile,
  type Provider,
  type ProviderDescription,
  type WebhookEvent,
  type WebhookHandler,
} from '../../core/index.js';
import { checkBaseUrlByRules } from '../providers/shared/base-url.js';
import { describedConnectionCodec } from '../providers/shared/connection-codec.js';
import { claimedDigests, hmacSigned, type HmacScheme } from '../providers/shared/hmac-signature.js';
import type { MemoryIssueSource } from './memory-issue-source.js';
import type { IssueWriter } from '../../core/index.js';

/**
 * A tracker that exists only in tests: the fake behind core's use-case tests, so they depend on no
 * real provider. It takes an API token (base URL, e-mail, token) or OAuth, and its filter is a
 * project key.
 */
export const FAKE_TRACKER: ProviderDescription = {
  name: 'tracker',
  displayName: 'Test Tracker',
  authModes: [
    { name: 'api-token', label: 'API token', flow: 'direct' },
    { name: 'oauth2', label: 'OAuth', flow: 'oauth' },
  ],
  fields: [
    { name: 'baseUrl', label: 'Tracker URL', type: 'url', required: true, authModes: ['api-token'] },
    { name: 'email', label: 'E-mail', type: 'email', required: true, authModes: ['api-token'] },
    { name: 'apiToken', label: 'API token', type: 'secret', required: true, authModes: ['api-token'] },
    { name: 'filter', label: 'Project filter', type: 'text', required: false, authModes: [], maxLength: 100 },
  ],
};

export const fakeTrackerMappings = (): FieldMappings => ({
  status: { [`${CATEGORY_PREFIX}open`]: 'todo', [`${CATEGORY_PREFIX}active`]: 'in_progress', [`${CATEGORY_PREFIX}closed`]: 'done', [DEFAULT_KEY]: 'backlog' },
  priority: { p1: 'urgent', p2: 'high', p3: 'medium', p4: 'low', [DEFAULT_KEY]: 'medium' },
  projects: [],
});

/** Deliveries carry `X-Tracker-Signature` (hex HMAC-SHA256 of the body) and `X-Tracker-Delivery`. */
export const FAKE_TRACKER_SIGNATURE: HmacScheme = { headers: [{ name: 'x-tracker-signature', encoding: 'hex' }] };
export const FAKE_TRACKER_DELIVERY_HEADER = 'x-tracker-delivery';

const Instant = new t.Type<Date, string, unknown>(
  'Instant',
  (u): u is Date => u instanceof Date,
  (u, c) => (typeof u === 'string' && !Number.isNaN(Date.parse(u)) ? t.success(new Date(u)) : t.failure(u, c, 'must be an ISO-8601 instant')),
  (d) => d.toISOString(),
);
const nullableString = t.union([t.string, t.null]);

/** A fake item as deliveries carry it: a SourceIssue in JSON. */
export const FakeIssueCodec = t.type({
  externalId: t.string,
  key: t.string,
  url: t.string,
  title: t.string,
  description: nullableString,
  rawStatus: nullableString,
  statusCategory: nullableString,
  rawPriority: nullableString,
  projectKey: nullableString,
  assigneeEmail: nullableString,
  assigneeExternalId: nullableString,
  dueDate: nullableString,
  createdAt: t.union([Instant, t.null]),
  updatedAt: Instant,
  version: t.string,
  sourceData: t.UnknownRecord,
});

const FakeDeliveryCodec = t.union([
  t.type({ event: t.literal('upsert'), issue: FakeIssueCodec }),
  t.type({ event: t.literal('delete'), externalId: t.string, occurredAt: Instant }),
  t.type({ event: t.literal('refetch'), externalId: t.string }),
  // Any other event is ignored; one of the three above with a body that does not read is unreadable, not ignored.
  t.refinement(t.type({ event: t.string }), (delivery) => !['upsert', 'delete', 'refetch'].includes(delivery.event), 'OtherEvent'),
]);

const eventOf = (delivery: t.TypeOf<typeof FakeDeliveryCodec>): WebhookEvent => {
  if ('issue' in delivery && delivery.event === 'upsert') return { kind: 'upsert', issue: delivery.issue };
  if ('occurredAt' in delivery) return { kind: 'delete', externalId: delivery.externalId, occurredAt: delivery.occurredAt };
  if ('externalId' in delivery) return { kind: 'refetch', externalId: delivery.externalId };
  return { kind: 'ignored', name: delivery.event };
};

export const fakeTrackerWebhooks = (): WebhookHandler => ({
  headersRead: [FAKE_TRACKER_DELIVERY_HEADER],
  usesSharedSecret: true,
  verify: (rawBody, headers, signer) => TE.right(hmacSigned(rawBody, claimedDigests(headers, FAKE_TRACKER_SIGNATURE), signer.secrets)),
  decode: (rawBody, headers) =>
    pipe(
      E.tryCatch(() => JSON.parse(Buffer.from(rawBody).toString('utf8')) as unknown, () => webhookPayloadInvalid('The webhook body is not JSON')),
      E.chain((json) => pipe(FakeDeliveryCodec.decode(json), E.mapLeft((errors) => webhookPayloadInvalid(`The delivery is unreadable: ${toFieldIssues(errors).map((i) => i.path).join(', ')}`)))),
      E.map((delivery) => ({
        deliveryId: headers[FAKE_TRACKER_DELIVERY_HEADER] ?? `sha256:${createHash('sha256').update(rawBody).digest('hex')}`,
        event: eventOf(delivery),
      })),
    ),
});

/** The fake tracker behind the provider contract; its site is the host of its URL. */
export const memoryProvider = (issues: MemoryIssueSource, oauth?: OAuthProfile, writes?: IssueWriter): Provider => ({
  description: FAKE_TRACKER,
  connectionCodec: describedConnectionCodec(FAKE_TRACKER),
  checkBaseUrl: checkBaseUrlByRules({ hostSuffixes: [] }),
  resolveSite: ({ baseUrl }) => T.of(new URL(baseUrl).host.toLowerCase()),
  defaultMappings: fakeTrackerMappings,
  checkSettings: issues.checkSettings,
  issues,
  webhooks: fakeTrackerWebhooks(),
  ...(writes === undefined ? {} : { writes }),
  ...(oauth === undefined ? {} : { oauth }),
});
