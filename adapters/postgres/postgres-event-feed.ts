import { TransactionPropagation, type EntityManager } from '@mikro-orm/postgresql';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  eventEnvelope,
  isTaskChange,
  orderKeyOf,
  outboxEventOf,
  subscribesTo,
  type EventEndpoint,
  type EventFeed,
  type IdGenerator,
  type Outbox,
  type OutboxEntry,
  type PublishedEvent,
} from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, type EntityManagerSource } from './database-call.js';
import { instantTexts } from './instant-texts.js';
import { taskViewSql } from './task-view-sql.js';
import type { WrittenTasks } from './written-tasks.js';
import { toEventEndpoint, toPublishedEvent, type EndpointRow, type OutboxRow } from './schema/event-rows.js';

/**
 * One statement per batch, the rows as one JSON parameter; `seq` follows their order. A row is an
 * event with its data (at 7), or a task change with the rest of its data (at 8) whose task view is
 * built from the task's row, which this transaction wrote: a row gone would leave the data null,
 * which the column refuses, rather than an event showing nothing. The row is read by a subquery
 * per event, by primary key: as a join, the planner hashed the whole table for every batch.
 */
const APPEND = `
insert into outbox_events (id, organization_id, type, occurred_at, cause, task_id, connection_id, data)
select (e->>0)::uuid, e->>1, e->>2, (e->>3)::timestamptz, e->>4, (e->>5)::uuid, (e->>6)::uuid,
  case when e->>8 is null then e->7
  else (select jsonb_build_object('task', ${taskViewSql('t')}) || (e->8) from external_tasks t where t.id = (e->>5)::uuid) end
from jsonb_array_elements(?::jsonb) with ordinality as rows(e, n)
order by n`;

const EVENT_COLUMNS = 'id, organization_id, type, occurred_at, cause, task_id, connection_id, data, position';

// The head row's lock is held until commit: publishers take turns, so positions become visible in order.
const LOCK_HEAD = "select position from event_feed_head where name = 'feed' for update";

const NUMBER_PENDING = `
with pending as (select seq from outbox_events where position is null order by seq limit ?),
numbered as (select seq, ?::bigint + row_number() over (order by seq) as position from pending)
update outbox_events o set position = numbered.position from numbered where o.seq = numbered.seq
returning ${EVENT_COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')}`;

const MOVE_HEAD = "update event_feed_head set position = ? where name = 'feed'";

const ENDPOINTS_OF = 'select * from event_endpoints where enabled and organization_id in (select jsonb_array_elements_text(?::jsonb))';

const INSERT_DELIVERIES = `
insert into event_deliveries (id, organization_id, endpoint_id, event_id, event_type, position, order_key, body, status, attempts, recent_attempts, next_attempt_at, created_at)
select (d->>0)::uuid, d->>1, (d->>2)::uuid, (d->>3)::uuid, d->>4, (d->>5)::bigint, d->>6, d->>7, 'pending', 0, '[]'::jsonb, ?::timestamptz, ?::timestamptz
from jsonb_array_elements(?::jsonb) as d
on conflict (endpoint_id, event_id) do nothing`;

const TRIM_EVENTS = 'delete from outbox_events where position is not null and occurred_at < ?';
const TRIM_DELIVERIES = "delete from event_deliveries where status <> 'pending' and created_at < ?";

const header = (e: OutboxEntry, instant: (value: unknown) => unknown) => [e.id, e.organizationId, e.type, instant(e.occurredAt), e.cause, e.taskId, e.connectionId];

/** A task change whose task is what its row holds leaves the view to the statement; any other entry carries its data. */
const toRow = (written: WrittenTasks, instant: (value: unknown) => unknown) => (e: OutboxEntry) => {
  if (isTaskChange(e) && written.holds(e.task)) return [...header(e, instant), null, e.details];
  return [...header(e, instant), outboxEventOf(e).data, null];
};

const decodeAll = <R, A>(rows: ReadonlyArray<R>, decode: (row: R) => E.Either<{ message: string }, A>): ReadonlyArray<A> => {
  const decoded = E.traverseArray(decode)(rows);
  if (E.isLeft(decoded)) throw new Error(decoded.left.message);
  return decoded.right;
};

/** A delivery row for each enabled endpoint of the event's organization that takes its type. */
const deliveryRows = (events: ReadonlyArray<PublishedEvent>, endpoints: ReadonlyArray<EventEndpoint>, ids: IdGenerator) =>
  events.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpoint.organizationId === event.organizationId && subscribesTo(endpoint, event.type))
      .map((endpoint) => [ids.next(), event.organizationId, endpoint.id, event.id, event.type, event.position, orderKeyOf(event), JSON.stringify(eventEnvelope(event))]),
  );

const publish = async (tx: EntityManager, limit: number, now: Date, ids: IdGenerator): Promise<ReadonlyArray<PublishedEvent>> => {
  const [head] = await executeBound<{ position: string }>(tx, LOCK_HEAD, []);
  const from = BigInt(head?.position ?? '0');
  const rows = await executeBound<OutboxRow>(tx, NUMBER_PENDING, [limit, from.toString()]);
  if (rows.length === 0) return [];
  const events = [...decodeAll(rows, toPublishedEvent)].sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
  await executeBound(tx, MOVE_HEAD, [(from + BigInt(rows.length)).toString()]);
  const organizations = [...new Set(events.map((event) => event.organizationId))];
  const endpoints = decodeAll(await executeBound<EndpointRow>(tx, ENDPOINTS_OF, [JSON.stringify(organizations)]), toEventEndpoint);
  const deliveries = deliveryRows(events, endpoints, ids);
  if (deliveries.length > 0) {
    await executeBound(tx, INSERT_DELIVERIES, [now, now, JSON.stringify(deliveries)]);
  }
  return events;
};

const readSql = (organization: boolean, types: boolean) => `
select ${EVENT_COLUMNS} from outbox_events
where position is not null and position > ?::bigint
${organization ? 'and organization_id = ?' : ''}
${types ? 'and type in (select jsonb_array_elements_text(?::jsonb))' : ''}
order by position
limit ?`;

/** The outbox, written inside a unit of work; `written` are the tasks that unit of work wrote. */
export const postgresOutbox = (em: EntityManagerSource, written: WrittenTasks): Outbox => ({
  append: (events) =>
    events.length === 0
      ? TE.right(undefined)
      : pipe(
          attempt('Writing outbox events', () => executeBound(em(), APPEND, [JSON.stringify(events.map(toRow(written, instantTexts())))])),
          TE.map(() => undefined),
        ),
});

/** The feed over the outbox: publishing in turns (the head row's lock), reading by position. */
export const postgresEventFeed = (em: EntityManagerSource, options: { readonly deliveryIds: IdGenerator }): EventFeed => ({
  publishPending: (limit, now) =>
    attempt('Publishing outbox events', () =>
      em().transactional((tx) => publish(tx, limit, now, options.deliveryIds), { propagation: TransactionPropagation.REQUIRED }),
    ),
  read: (query) => {
    const params = [
      query.after ?? '0',
      ...(query.organizationId === null ? [] : [query.organizationId]),
      ...(query.types === null ? [] : [JSON.stringify(query.types)]),
      query.limit,
    ];
    return pipe(
      attempt('Reading the event feed', () => executeBound<OutboxRow>(em(), readSql(query.organizationId !== null, query.types !== null), params)),
      TE.chainEitherKW((rows) => E.traverseArray(toPublishedEvent)(rows)),
    );
  },
  trim: (before) =>
    attempt('Trimming the event feed', async () => {
      const em0 = em();
      const trimmed = await em0.getConnection().getKnex().raw(TRIM_EVENTS, [before]);
      await executeBound(em0, TRIM_DELIVERIES, [before]);
      return (trimmed as { rowCount: number }).rowCount;
    }),
});
