import * as A from 'fp-ts/lib/Array.js';

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
}

/** What a page of tickets is mapped with. */
export interface PageMetadata {
  readonly statusesOf: (boardId: number | undefined) => ReadonlyArray<BoardStatus>;
  readonly emailOf: (identifier: string | undefined) => string | null;
  readonly sortOf: (priorityId: number | undefined) => number | null;
}

const MEMBERS_PER_CALL = 100;

/** Reads, through the cache, the board statuses, owners' e-mails and (when a ticket lacks it) priority sorts a page needs. */
export const pageMetadata =
  (call: ConnectWiseCall, caches: MetadataCaches) =>
  (connection: SourceConnection, settings: ConnectWiseSettings, target: ApiTarget, tickets: ReadonlyArray<Ticket>): TE.TaskEither<SourceError, PageMetadata> => {
    const scope = budgetKeyOf(connection);
    const boardKey = (id: number) => `${scope}:board:${id}`;
    const memberKey = (identifier: string) => `${scope}:member:${identifier.toLowerCase()}`;
    const prioritiesKey = `${scope}:priorities`;

    const boards = [...new Set(tickets.flatMap((ticket) => (ticket.board ? [ticket.board.id] : [])))].filter((id) => caches.boardStatuses.get(boardKey(id)) === undefined);
    const owners = [...new Set(tickets.flatMap((ticket) => (ticket.owner?.identifier ? [ticket.owner.identifier] : [])))].filter((id) => caches.memberEmails.get(memberKey(id)) === undefined);
    const needsPriorities = tickets.some((ticket) => ticket.priority && (ticket.priority.sort === undefined || ticket.priority.sort === null)) && caches.priorities.get(prioritiesKey) === undefined;

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
    const readPriorities = needsPriorities
      ? pipe(
          call(connection, settings, prioritiesRequest(target), 'the priorities (GET /service/priorities)'),
          TE.chainEitherKW(decodeList(PriorityCodec, 'the priorities (GET /service/priorities)')),
          TE.map((priorities) => caches.priorities.set(prioritiesKey, priorities)),
        )
      : TE.right(undefined);

    return pipe(
      boards,
      TE.traverseSeqArray(readBoard),
      TE.chain(() => pipe(A.chunksOf(MEMBERS_PER_CALL)(owners), TE.traverseSeqArray(readMembers))),
      TE.chain(() => readPriorities),
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
});


