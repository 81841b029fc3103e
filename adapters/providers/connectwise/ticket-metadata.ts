import * as A from 'fp-ts/lib/Array.js';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SourceConnection, SourceError } from '../../../core/index.js';
import { budgetKeyOf, type ConnectWiseCall } from './connectwise-call.js';
import { quoteCondition } from './conditions.js';
import { CONNECTWISE_API } from './facts.js';
import { ttlCache, type TtlCache } from './metadata-cache.js';
import { boardStatusesRequest, membersRequest, prioritiesRequest, type ApiTarget } from './requests.js';
import { BoardStatusCodec, decodeList, MemberCodec, PriorityCodec, type BoardStatus, type Priority } from './responses.js';
import type { ConnectWiseSettings } from './settings.js';
import type { Ticket } from './to-domain.js';

/** The metadata tickets are mapped with, cached per connection (see `CONNECTWISE_API.metadataTtlMs`). */
export interface MetadataCaches {
  readonly boardStatuses: TtlCache<ReadonlyArray<BoardStatus>>;
  readonly memberEmails: TtlCache<string | null>;
  readonly priorities: TtlCache<ReadonlyArray<Priority>>;
  /** Reads on their way, by cache key: a batch that needs what another is reading waits for it rather than asking again. */
  readonly reading: Map<string, Promise<E.Either<SourceError, unknown>>>;
}

/** What a page of tickets is mapped with. */
export interface PageMetadata {
  readonly statusesOf: (boardId: number | undefined) => ReadonlyArray<BoardStatus>;
  readonly emailOf: (identifier: string | undefined) => string | null;
  readonly sortOf: (priorityId: number | undefined) => number | null;
}

const MEMBERS_PER_CALL = 100;

/**
 * Reads what `missing` lists when it runs (what the cache lacks), `group` at a time: what another
 * batch is reading now is awaited rather than asked for again. The batches of a first sync start
 * side by side with a cold cache, and would otherwise each read the same boards, members and priorities.
 */
const fillShared =
  (reading: Map<string, Promise<E.Either<SourceError, unknown>>>) =>
  <K>(missing: () => ReadonlyArray<K>, keyOf: (item: K) => string, group: number, read: (items: ReadonlyArray<K>) => TE.TaskEither<SourceError, unknown>): TE.TaskEither<SourceError, void> =>
  async () => {
    const wanted = missing();
    const awaited = [...new Set(wanted.flatMap((item) => reading.get(keyOf(item)) ?? []))];
    const started = A.chunksOf(group)(wanted.filter((item) => !reading.has(keyOf(item)))).map((items) => {
      const outcome = read(items)();
      items.forEach((item) => reading.set(keyOf(item), outcome));
      void outcome.finally(() => items.forEach((item) => (reading.get(keyOf(item)) === outcome ? reading.delete(keyOf(item)) : undefined)));
      return outcome;
    });
    const outcomes = await Promise.all([...awaited, ...started]);
    return outcomes.find(E.isLeft) ?? E.right(undefined);
  };

/** Reads, through the cache, the board statuses, owners' e-mails and (when a ticket lacks it) priority sorts a page needs. */
export const pageMetadata =
  (call: ConnectWiseCall, caches: MetadataCaches) =>
  (connection: SourceConnection, settings: ConnectWiseSettings, target: ApiTarget, tickets: ReadonlyArray<Ticket>): TE.TaskEither<SourceError, PageMetadata> => {
    const scope = budgetKeyOf(connection);
    const boardKey = (id: number) => `${scope}:board:${id}`;
    const memberKey = (identifier: string) => `${scope}:member:${identifier.toLowerCase()}`;
    const prioritiesKey = `${scope}:priorities`;

    const boards = [...new Set(tickets.flatMap((ticket) => (ticket.board ? [ticket.board.id] : [])))];
    const owners = [...new Set(tickets.flatMap((ticket) => (ticket.owner?.identifier ? [ticket.owner.identifier] : [])))];
    const needsPriorities = tickets.some((ticket) => ticket.priority && (ticket.priority.sort === undefined || ticket.priority.sort === null));
    const fill = fillShared(caches.reading);

    const readBoard = (id: number) =>
      pipe(
        call(connection, settings, boardStatusesRequest(target, id), `the statuses of board ${id}`),
        TE.chainEitherKW(decodeList(BoardStatusCodec, `the statuses of board ${id}`)),
        TE.map((statuses) => caches.boardStatuses.set(boardKey(id), statuses)),
      );
    const readMembers = (identifiers: ReadonlyArray<string>) =>
      pipe(
        call(connection, settings, membersRequest(target, identifiers, quoteCondition), 'the members (GET /system/members)'),
        TE.chainEitherKW(decodeList(MemberCodec, 'the members (GET /system/members)')),
        TE.map((members) => {
          // A member the API member cannot see stays unknown (null) until the cache expires.
          for (const identifier of identifiers) {
            const member = members.find((m) => m.identifier.toLowerCase() === identifier.toLowerCase());
            caches.memberEmails.set(memberKey(identifier), member?.primaryEmail ?? null);
          }
        }),
      );
    const readPriorities = pipe(
      call(connection, settings, prioritiesRequest(target), 'the priorities (GET /service/priorities)'),
      TE.chainEitherKW(decodeList(PriorityCodec, 'the priorities (GET /service/priorities)')),
      TE.map((priorities) => caches.priorities.set(prioritiesKey, priorities)),
    );

    return pipe(
      fill(() => boards.filter((id) => caches.boardStatuses.get(boardKey(id)) === undefined), boardKey, 1, (ids) => readBoard(ids[0]!)),
      TE.chain(() => fill(() => owners.filter((id) => caches.memberEmails.get(memberKey(id)) === undefined), memberKey, MEMBERS_PER_CALL, readMembers)),
      TE.chain(() => fill(() => (needsPriorities && caches.priorities.get(prioritiesKey) === undefined ? [prioritiesKey] : []), (key) => key, 1, () => readPriorities)),
      TE.map(() => ({
        statusesOf: (boardId) => (boardId === undefined ? [] : (caches.boardStatuses.get(boardKey(boardId)) ?? [])),
        emailOf: (identifier) => (identifier === undefined ? null : (caches.memberEmails.get(memberKey(identifier)) ?? null)),
        sortOf: (priorityId) => caches.priorities.get(prioritiesKey)?.find((p) => p.id === priorityId)?.sort ?? null,
      })),
    );
  };

export const metadataCaches = (now: () => number, ttlMs: number = CONNECTWISE_API.metadataTtlMs): MetadataCaches => ({
  boardStatuses: ttlCache(ttlMs, now),
  memberEmails: ttlCache(ttlMs, now),
  priorities: ttlCache(ttlMs, now),
  reading: new Map(),
});


