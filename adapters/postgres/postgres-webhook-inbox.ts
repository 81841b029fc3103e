import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  asEntityId,
  asOrganizationId,
  type ClaimedDelivery,
  type InboxDelivery,
  type InboxRecordOutcome,
  type ProviderName,
  type WebhookInbox,
} from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, type EntityManagerSource } from './database-call.js';
import { statementBatcher } from './statement-batcher.js';

export const DEFAULT_INBOX_LEASE_MS = 30_000;

const COLUMNS = 8;
// Each value its own bind parameter: a body travels as bytes, never escaped into SQL or JSON text.
const insertSql = (rows: number) => `
insert into webhook_inbox (delivery_key, organization_id, connection_id, provider, delivery_id, received_at, body, headers)
values ${Array.from({ length: rows }, () => `(?, ?, ?::uuid, ?, ?, ?::timestamptz, ?::bytea, ?::jsonb)`).join(', ')}
on conflict (organization_id, delivery_key) do nothing
returning organization_id, delivery_key`;

const CLAIM = `
with picked as (
  select id from webhook_inbox
  where completed_at is null and (lease_until is null or lease_until <= ?::timestamptz)
  order by id
  limit ?
  for update skip locked
)
update webhook_inbox i set lease_until = ?::timestamptz, attempts = i.attempts + 1
from picked where i.id = picked.id
returning i.id, i.organization_id, i.connection_id, i.provider, i.delivery_id, i.delivery_key, i.received_at, i.body, i.headers, i.attempts`;

const COMPLETE = `
update webhook_inbox set completed_at = ?::timestamptz, lease_until = null, body = null, headers = null
where id in (select jsonb_array_elements_text(?::jsonb)::bigint)`;

interface ClaimedRow {
  id: string;
  organization_id: string;
  connection_id: string;
  provider: ProviderName;
  delivery_id: string;
  delivery_key: string;
  received_at: string | Date;
  body: Buffer;
  headers: Record<string, string>;
  attempts: number;
}

/** Unique per organization: the key itself is scoped to the tracker instance. */
const keyOf = (delivery: { readonly organizationId: string; readonly deliveryKey: string }) => `${delivery.organizationId}\u0000${delivery.deliveryKey}`;

const paramsOf = (delivery: InboxDelivery) => [
  delivery.deliveryKey,
  delivery.organizationId,
  delivery.connectionId,
  delivery.provider,
  delivery.deliveryId,
  delivery.receivedAt,
  Buffer.from(delivery.rawBody.buffer, delivery.rawBody.byteOffset, delivery.rawBody.byteLength),
  JSON.stringify(delivery.headers),
];

const toClaimed = (row: ClaimedRow): ClaimedDelivery => ({
  id: String(row.id),
  organizationId: asOrganizationId(row.organization_id),
  connectionId: asEntityId(row.connection_id),
  provider: row.provider,
  deliveryId: row.delivery_id,
  deliveryKey: row.delivery_key,
  receivedAt: new Date(row.received_at),
  rawBody: row.body,
  headers: row.headers,
  attempts: row.attempts,
});

const byId = (a: ClaimedDelivery, b: ClaimedDelivery) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1);

/**
 * The webhook inbox on PostgreSQL. Concurrent `record` calls share one multi-row
 * `insert ... on conflict do nothing` (one commit for all of them, durable when it answers); a key
 * twice in one batch is inserted once and answered `duplicate` for the later caller. `claim` leases
 * with `for update skip locked`, so processes draining the inbox at once never get the same row.
 */
export const postgresWebhookInbox = (em: EntityManagerSource, options: { readonly leaseMs?: number; readonly maxBatch?: number } = {}): WebhookInbox => {
  const leaseMs = options.leaseMs ?? DEFAULT_INBOX_LEASE_MS;
  const insert = statementBatcher<InboxDelivery, InboxRecordOutcome>(
    async (deliveries) => {
      const firsts = new Map<string, number>();
      deliveries.forEach((delivery, i) => firsts.has(keyOf(delivery)) || firsts.set(keyOf(delivery), i));
      const unique = [...firsts.values()].map((i) => deliveries[i]!);
      const rows = await executeBound<{ organization_id: string; delivery_key: string }>(em(), insertSql(unique.length), unique.flatMap(paramsOf));
      const inserted = new Set(rows.map((row) => keyOf({ organizationId: row.organization_id, deliveryKey: row.delivery_key })));
      return deliveries.map((delivery, i) => (firsts.get(keyOf(delivery)) === i && inserted.has(keyOf(delivery)) ? 'recorded' : 'duplicate'));
    },
    // 8 parameters a row: far below PostgreSQL's 65,535 per statement.
    { maxBatch: Math.min(options.maxBatch ?? 512, Math.floor(65_535 / COLUMNS)) },
  );
  return {
    record: (delivery) => attempt('Recording a webhook delivery', () => insert(delivery)),
    claim: (limit, now) =>
      pipe(
        attempt('Claiming webhook deliveries', () => executeBound<ClaimedRow>(em(), CLAIM, [now, limit, new Date(now.getTime() + leaseMs)])),
        TE.map((rows) => rows.map(toClaimed).sort(byId)),
      ),
    complete: (ids, now) =>
      ids.length === 0
        ? TE.right(undefined)
        : pipe(
            attempt('Completing webhook deliveries', () => executeBound(em(), COMPLETE, [now, JSON.stringify(ids)])),
            TE.map(() => undefined),
          ),
  };
};
