import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type {
  AssigneeIdentities,
  ConnectionId,
  ExternalSystem,
  ExternalTaskEvent,
  ExternalUserMapping,
  OutboxEntry,
  OrganizationId,
  PersistenceFailure,
  TaskDraft,
  TaskUpsertResult,
  TransactionalPorts,
} from '../../core/index.js';

import type { PostgresConnectionLock } from './postgres-connection-lock.js';

type Outcome<A> = E.Either<PersistenceFailure, A>;

interface Call<Q, A> {
  readonly request: Q;
  readonly resolve: (outcome: Outcome<A>) => void;
  readonly reject: (error: unknown) => void;
}

interface Coalescing<Q, A, B> {
  /** Calls with the same key can be merged into one. */
  readonly keyOf: (request: Q) => string;
  readonly runAll: (requests: ReadonlyArray<Q>) => Promise<Outcome<B>>;
  /** Each call's part of the merged answer, in the order of the calls. */
  readonly share: (requests: ReadonlyArray<Q>, merged: B) => ReadonlyArray<A>;
}

const settle = <Q, A, B>(calls: ReadonlyArray<Call<Q, A>>, c: Coalescing<Q, A, B>) =>
  c.runAll(calls.map((call) => call.request)).then(
    (outcome) => {
      const shares = E.isRight(outcome) ? c.share(calls.map((call) => call.request), outcome.right) : null;
      calls.forEach((call, i) => call.resolve(shares === null ? (outcome as Outcome<never>) : E.right(shares[i]!)));
    },
    (error: unknown) => calls.forEach((call) => call.reject(error)),
  );

/**
 * Collects the calls made during one turn of the event loop and runs those sharing a key as one
 * call: the works of a group take their steps together, so each step is one statement.
 */
const coalesce = <Q, A, B>(c: Coalescing<Q, A, B>) => {
  let calls: Array<Call<Q, A>> = [];
  const flush = () => {
    const byKey = new Map<string, Array<Call<Q, A>>>();
    for (const call of calls) byKey.set(c.keyOf(call.request), [...(byKey.get(c.keyOf(call.request)) ?? []), call]);
    calls = [];
    for (const same of byKey.values()) void settle(same, c);
  };
  return (request: Q): TE.TaskEither<PersistenceFailure, A> =>
    () =>
      new Promise((resolve, reject) => {
        if (calls.length === 0) setImmediate(flush);
        calls.push({ request, resolve, reject });
      });
};

interface Recording {
  readonly organizationId: OrganizationId;
  readonly events: ReadonlyArray<ExternalTaskEvent>;
}

/** A key is new for the first work that recorded it; another work with the same key gets a duplicate. */
const shareNewKeys = (requests: ReadonlyArray<Recording>, fresh: ReadonlySet<string>): ReadonlyArray<ReadonlySet<string>> => {
  const claimed = new Set<string>();
  return requests.map(({ events }) => {
    const mine = new Set(events.map((e) => e.idempotencyKey).filter((key) => fresh.has(key) && !claimed.has(key)));
    mine.forEach((key) => claimed.add(key));
    return mine;
  });
};

interface Upsert {
  readonly organizationId: OrganizationId;
  readonly drafts: ReadonlyArray<TaskDraft>;
}

const shareInOrder = (requests: ReadonlyArray<Upsert>, results: ReadonlyArray<TaskUpsertResult>) => {
  let start = 0;
  return requests.map(({ drafts }) => results.slice(start, (start += drafts.length)));
};

type Lookup = readonly [OrganizationId, ExternalSystem, AssigneeIdentities];
type Hold = readonly [OrganizationId, ConnectionId];
type Release = readonly [OrganizationId, ConnectionId, ReadonlyArray<string>];

/** The ports of a PostgreSQL transaction: connections can be held several at once. */
export type PostgresTransactionalPorts = TransactionalPorts & { readonly connectionLock: PostgresConnectionLock };

/**
 * The ports of a group transaction: the calls a sync page or a webhook delivery makes (hold the
 * connection, record the keys, look up the assignees, upsert the tasks) are merged across the
 * group's works, in the order they were made, so a group costs the statements of one work; so are
 * their outbox events and the release of their items from quarantine. Every other call goes through as is.
 */

export const coalescedPorts = (ports: PostgresTransactionalPorts): TransactionalPorts => {
  const recordNew = coalesce<Recording, ReadonlySet<string>, ReadonlySet<string>>({
    keyOf: (r) => r.organizationId,
    runAll: (rs) => ports.events.recordNew(rs[0]!.organizationId, rs.flatMap((r) => r.events))(),
    share: shareNewKeys,
  });
  const upsertMany = coalesce<Upsert, ReadonlyArray<TaskUpsertResult>, ReadonlyArray<TaskUpsertResult>>({
    keyOf: (r) => r.organizationId,
    runAll: (rs) => ports.tasks.upsertMany(rs[0]!.organizationId, rs.flatMap((r) => r.drafts))(),
    share: shareInOrder,
  });
  const findByIdentities = coalesce<Lookup, ReadonlyArray<ExternalUserMapping>, ReadonlyArray<ExternalUserMapping>>({
    keyOf: ([organizationId, system]) => `${organizationId}\u0000${system}`,
    runAll: (rs) => {
      const [organizationId, system] = rs[0]!;
      const merged = { emails: rs.flatMap(([, , i]) => i.emails), externalUserIds: rs.flatMap(([, , i]) => i.externalUserIds) };
      return ports.userMappings.findByIdentities(organizationId, system, merged)();
    },
    // Each work resolves its own assignees from the list; the others' mappings are no use to it, and no harm.
    share: (rs, mappings) => rs.map(() => mappings),
  });
  // Every work's events go in one statement; their order within the group is the order of the calls.
  const appendEvents = coalesce<ReadonlyArray<OutboxEntry>, void, void>({
    keyOf: () => 'outbox',
    runAll: (rs) => ports.outbox.append(rs.flat())(),
    share: (rs) => rs.map(() => undefined),
  });
  const hold = coalesce<Hold, boolean, ReadonlySet<string>>({
    keyOf: ([organizationId]) => organizationId,
    runAll: (rs) => ports.connectionLock.holdAll(rs[0]![0], rs.map(([, id]) => id))(),
    share: (rs, held) => rs.map(([, id]) => held.has(id)),
  });
  const release = coalesce<Release, void, void>({
    keyOf: ([organizationId, connectionId]) => `${organizationId}\u0000${connectionId}`,
    runAll: (rs) => ports.quarantine.release(rs[0]![0], rs[0]![1], rs.flatMap(([, , ids]) => ids))(),
    share: (rs) => rs.map(() => undefined),
  });
  return {
    ...ports,
    quarantine: { ...ports.quarantine, release: (...request) => release(request) },
    outbox: { append: (events) => (events.length === 0 ? () => Promise.resolve(E.right(undefined)) : appendEvents(events)) },
    connectionLock: { ...ports.connectionLock, hold: (...request) => hold(request) },
    events: { ...ports.events, recordNew: (organizationId, events) => recordNew({ organizationId, events }) },
    tasks: { ...ports.tasks, upsertMany: (organizationId, drafts) => upsertMany({ organizationId, drafts }) },
    userMappings: { ...ports.userMappings, findByIdentities: (...lookup) => findByIdentities(lookup) },
  };
};
