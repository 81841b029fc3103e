import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  asEntityId,
  asOrganizationId,
  type ClaimedDelivery,
  type InboxDelivery,
  type InboxRecordOutcome,
  type ProviderName,
  type WebhookDeadLetter,
  type WebhookInbox,
} from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, isDataError, isUuid, type EntityManagerSource } from './database-call.js';
import { pooledStatement } from './pooled-statement.js';
import { statementBatcher } from './statement-batcher.js';

export const DEFAULT_INBOX_LEASE_MS = 30_000;

const COLUMNS = 8;
const rowPlaceholders = (row: number) => {
  const $ = (column: number) => `$${row * COLUMNS + column + 1}`;
  return `(${$(0)}, ${$(1)}, ${$(2)}::uuid, ${$(3)}, ${$(4)}, ${$(5)}::timestamptz, ${$(6)}::bytea, ${$(7)}::jsonb)`;
};
// Each value its own bind parameter: a body travels as bytes, never escaped into SQL or JSON text.
const insertSql = (rows: number) => `
insert into webhook_inbox (delivery_key, organization_id, connection_id, provider, delivery_id, received_at, body, headers)
values ${Array.from({ length: rows }, (_, row) => rowPlaceholders(row)).join(', ')}
on conflict (organization_id, delivery_key) do nothing
returning organization_id, delivery_key`;

/** The insert of each batch size met so far: a burst sends the same few sizes over and over. */
const insertSqlCache = () => {
  const texts = new Map<number, string>();
  return (rows: number) => texts.get(rows) ?? (texts.set(rows, insertSql(rows)), texts.get(rows)!);
};

const CLAIM = `
with picked as (
  select id from webhook_inbox
  where completed_at is null and dead_lettered_at is null and (lease_until is null or lease_until <= ?::timestamptz)
  order by id
  limit ?
  for update skip locked
)
update webhook_inbox i set lease_until = ?::timestamptz, attempts = i.attempts + 1
from picked where i.id = picked.id
returning i.id, i.organization_id, i.connection_id, i.provider, i.delivery_id, i.delivery_key, i.received_at, i.body, i.headers, i.attempts`;

// By the primary key whatever the statistics say: as `id in (select ...)`, a planner that took the
// inbox for small (a burst fills it faster than it is analysed) hashed the ids and read every row
// of the inbox, applied ones too, for each batch completed.
const COMPLETE = `
update webhook_inbox set completed_at = ?::timestamptz, lease_until = null, body = null, headers = null
where id = any(array(select jsonb_array_elements_text(?::jsonb)::bigint))`;

// A delivery is no longer this caller's once completed (by a claimer whose lease had run out, say).
const RETRY_LATER = `update webhook_inbox set lease_until = ?::timestamptz, last_error = ? where id = ?::bigint and completed_at is null`;
// Waiting is not failing: the claim that found it must wait is taken back from its tries.
const POSTPONE = `update webhook_inbox set lease_until = ?::timestamptz, attempts = greatest(attempts - 1, 0) where id = ?::bigint and completed_at is null`;
const DEAD_LETTER = `update webhook_inbox set dead_lettered_at = ?::timestamptz, lease_until = null, last_error = ? where id = ?::bigint and completed_at is null`;

const LIST_DEAD_LETTERS = `
select id, connection_id, provider, delivery_id, received_at, attempts, last_error, dead_lettered_at from webhook_inbox
where organization_id = ? and connection_id = ?::uuid and dead_lettered_at is not null
order by dead_lettered_at desc, id desc
limit ?`;

const COUNT_DEAD_LETTERS = `
select connection_id, count(*)::int as n from webhook_inbox
where organization_id = ? and dead_lettered_at is not null and connection_id in (select jsonb_array_elements_text(?::jsonb)::uuid)
group by connection_id`;

// Tries count from zero again: a replayed delivery gets every try a new one gets.
const REPLAY = `
update webhook_inbox set dead_lettered_at = null, attempts = 0, lease_until = null
where organization_id = ? and connection_id = ?::uuid and dead_lettered_at is not null
  and (?::jsonb is null or id in (select jsonb_array_elements_text(?::jsonb)::bigint))
returning id`;

interface DeadLetterRow {
  id: string;
  connection_id: string;
  provider: ProviderName;
  delivery_id: string;
  received_at: string | Date;
  attempts: number;
  last_error: string | null;
  dead_lettered_at: string | Date;
}

const toDeadLetter = (row: DeadLetterRow): WebhookDeadLetter => ({
  id: String(row.id),
  connectionId: asEntityId(row.connection_id),
  provider: row.provider,
  deliveryId: row.delivery_id,
  receivedAt: new Date(row.received_at),
  attempts: row.attempts,
  reason: row.last_error ?? '',
  deadLetteredAt: new Date(row.dead_lettered_at),
});

/** Inbox ids are bigints: anything else names no delivery (and must not reach a cast). */
const ROW_ID = /^\d{1,18}$/;

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
  // Recording is on every delivery's answer path: its insert goes straight to the driver.
  const statement = pooledStatement(em);
  const sqlFor = insertSqlCache();
  const insert = statementBatcher<InboxDelivery, InboxRecordOutcome>(
    async (deliveries) => {
      const firsts = new Map<string, number>();
      deliveries.forEach((delivery, i) => firsts.has(keyOf(delivery)) || firsts.set(keyOf(delivery), i));
      const unique = [...firsts.values()].map((i) => deliveries[i]!);
      const rows = await statement<{ organization_id: string; delivery_key: string }>(sqlFor(unique.length), unique.flatMap(paramsOf));
      const inserted = new Set(rows.map((row) => keyOf({ organizationId: row.organization_id, deliveryKey: row.delivery_key })));
      return deliveries.map((delivery, i) => (firsts.get(keyOf(delivery)) === i && inserted.has(keyOf(delivery)) ? 'recorded' : 'duplicate'));
    },
    // 8 parameters a row: far below PostgreSQL's 65,535 per statement.
    { maxBatch: Math.min(options.maxBatch ?? 512, Math.floor(65_535 / COLUMNS)), refusedItsValues: isDataError },
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
    retryLater: (id, reason, retryAt) =>
      pipe(
        attempt('Scheduling a webhook delivery again', () => (ROW_ID.test(id) ? executeBound(em(), RETRY_LATER, [retryAt, reason, id]) : Promise.resolve([]))),
        TE.map(() => undefined),
      ),
    postpone: (id, until) =>
      pipe(
        attempt('Postponing a webhook delivery', () => (ROW_ID.test(id) ? executeBound(em(), POSTPONE, [until, id]) : Promise.resolve([]))),
        TE.map(() => undefined),
      ),
    deadLetter: (id, reason, now) =>
      pipe(
        attempt('Dead-lettering a webhook delivery', () => (ROW_ID.test(id) ? executeBound(em(), DEAD_LETTER, [now, reason, id]) : Promise.resolve([]))),
        TE.map(() => undefined),
      ),
    listDeadLetters: (organizationId, connectionId, limit) =>
      pipe(
        attempt('Listing dead-lettered webhook deliveries', () =>
          isUuid(connectionId) ? executeBound<DeadLetterRow>(em(), LIST_DEAD_LETTERS, [organizationId, connectionId, limit]) : Promise.resolve([]),
        ),
        TE.map((rows) => rows.map(toDeadLetter)),
      ),
    countDeadLetters: (organizationId, connectionIds) =>
      pipe(
        attempt('Counting dead-lettered webhook deliveries', () => {
          const ids = connectionIds.filter(isUuid);
          return ids.length === 0 ? Promise.resolve([]) : executeBound<{ connection_id: string; n: number }>(em(), COUNT_DEAD_LETTERS, [organizationId, JSON.stringify(ids)]);
        }),
        TE.map((rows) => new Map(rows.map((row) => [row.connection_id, row.n] as const))),
      ),
    replay: (organizationId, connectionId, ids) =>
      pipe(
        attempt('Replaying dead-lettered webhook deliveries', () => {
          const chosen = ids === 'all' ? null : JSON.stringify(ids.filter((id) => ROW_ID.test(id)));
          return isUuid(connectionId) ? executeBound<{ id: string }>(em(), REPLAY, [organizationId, connectionId, chosen, chosen]) : Promise.resolve([]);
        }),
        TE.map((rows) => rows.map((row) => String(row.id))),
      ),
  };
};
