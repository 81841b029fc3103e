import * as A from 'fp-ts/lib/Array.js';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { RangeReads, SourceConnection, SourceError, SourceIssue } from '../../../core/index.js';
import type { ConnectWiseCall } from './connectwise-call.js';
import { reachOf, scopeOf, type ConnectionReach } from './connection-reach.js';
import { ticketConditions, type TicketScope, type TicketWindow } from './conditions.js';
import { CONNECTWISE_API, TICKET_KINDS, type TicketKind } from './facts.js';
import { ticketPageRequest } from './requests.js';
import { decodeList, nextPageOf } from './responses.js';
import { parseExternalId, TicketCodec, type Ticket } from './to-domain.js';
import { cutAtStretches, stretchesOf } from './walk-context.js';

const WHAT: Readonly<Record<TicketKind, string>> = {
  service: 'a range of service tickets (GET /service/tickets)',
  project: 'a range of project tickets (GET /project/tickets)',
};

/** One page of a range: its tickets, and whether ConnectWise has more of it. */
interface RangePage {
  readonly tickets: ReadonlyArray<Ticket>;
  readonly more: boolean;
}

/** A range answer that is no range (a row outside it, or more promised with no row): the site ignored the condition. */
const NOT_A_RANGE = 'not-a-range' as const;

export interface RangeReader {
  readonly call: ConnectWiseCall;
  /** Tickets per answer: ConnectWise's cap (1,000) unless a test wants more pages. */
  readonly pageSize: number;
}

/**
 * The tickets of one kind among these walked ids (ascending), in this scope, as they are now: one
 * call with `id >= first and id <= last`, in id order. A full answer (the `Link` header's next, or
 * as many rows as asked for) is followed after its last id, not by page number, so a ticket deleted
 * meanwhile shifts none unseen. A row outside the range means the site ignored the condition: the
 * walked ids are then read by id lists; so are walked ids the range did not answer (deleted or out of
 * scope now, or a range the site cut short without saying): one list call finds out which.
 *
 * Only walked tickets are answered. A ticket that came into the stretch since the walk (moved into
 * the scope) is left to the next incremental sync, which reads it as changed since the walk began:
 * a range read is not given the connection's projects, so a project ticket between walked ones may be
 * of a project the connection does not sync.
 */
export const readWalkedTickets =
  (reader: RangeReader) =>
  (connection: SourceConnection, reach: ConnectionReach, scope: TicketScope, kind: TicketKind, walked: ReadonlyArray<number>): TE.TaskEither<SourceError, ReadonlyArray<Ticket>> => {
    const read = (window: TicketWindow, pageSize: number): TE.TaskEither<SourceError, RangePage> =>
      pipe(
        reader.call(connection, reach.settings, ticketPageRequest(reach.target, kind, ticketConditions(kind, scope, window), 1, pageSize), WHAT[kind], {
          maxAttempts: CONNECTWISE_API.byIdAttempts,
        }),
        TE.chainEitherKW((response) =>
          E.map((tickets: ReadonlyArray<Ticket>) => ({ tickets, more: nextPageOf(response.header('link')) !== null || tickets.length >= pageSize }))(
            decodeList(TicketCodec, WHAT[kind])(response),
          ),
        ),
      );

    /** The range from `from` to `to`, answer after answer, each starting after the last id the one before gave. */
    const readRange = (from: number, to: number): TE.TaskEither<SourceError, ReadonlyArray<Ticket> | typeof NOT_A_RANGE> => async () => {
      const tickets: Ticket[] = [];
      for (let start = from; start <= to; ) {
        const page = await read({ kind: 'id-range', from: start, to }, reader.pageSize)();
        if (E.isLeft(page)) return page;
        if (page.right.tickets.some((ticket) => ticket.id < start || ticket.id > to) || (page.right.more && page.right.tickets.length === 0)) return E.right(NOT_A_RANGE);
        tickets.push(...page.right.tickets);
        if (!page.right.more) break;
        start = Math.max(...page.right.tickets.map((ticket) => ticket.id)) + 1;
      }
      return E.right(tickets);
    };

    /** Tickets named by id, `idsPerCall` a call. */
    const readListed = (ids: ReadonlyArray<number>): TE.TaskEither<SourceError, ReadonlyArray<Ticket>> =>
      pipe(
        A.chunksOf(CONNECTWISE_API.idsPerCall)([...ids]),
        TE.traverseSeqArray((chunk) => read({ kind: 'ids', ids: chunk }, CONNECTWISE_API.pageSize)),
        TE.map((pages) => pages.flatMap((page) => page.tickets)),
      );

    const first = walked[0];
    const last = walked[walked.length - 1];
    if (first === undefined || last === undefined) return TE.right([]);
    const wanted = new Set(walked);
    return pipe(
      readRange(first, last),
      TE.chain((answer) => {
        if (answer === NOT_A_RANGE) return readListed(walked);
        const answered = answer.filter((ticket) => wanted.has(ticket.id));
        const found = new Set(answered.map((ticket) => ticket.id));
        const unanswered = walked.filter((id) => !found.has(id));
        return unanswered.length === 0 ? TE.right(answered) : TE.map((listed: ReadonlyArray<Ticket>) => [...answered, ...listed])(readListed(unanswered));
      }),
    );
  };

export interface ConnectWiseRangeReadOptions extends RangeReader {
  readonly idsPerRead: number;
  /** Maps tickets of one kind with the metadata they need: the same reads, cached and shared, as every other read's. */
  readonly mapTickets: (connection: SourceConnection, reach: ConnectionReach, kind: TicketKind) => (tickets: ReadonlyArray<Ticket>) => TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>>;
}

/**
 * Range reads of a stretch of the walk: per kind of ticket among the ids, one range in the
 * connection's scope, cut where the walk page's context says its parts meet (the ids between two
 * parts were not walked yet: a range across them would read them all to answer none).
 */
export const connectWiseRangeReads = (options: ConnectWiseRangeReadOptions): RangeReads => {
  const walked = readWalkedTickets(options);
  const fetchRange: RangeReads['fetchRange'] = (connection, externalIds, context) =>
    pipe(
      TE.fromEither(reachOf(connection)),
      TE.chain((reach) => {
        const parsed = externalIds.map(parseExternalId).filter((p) => p !== null);
        const kinds: ReadonlyArray<TicketKind> = reach.settings.includeProjectTickets ? TICKET_KINDS : ['service'];
        const stretches = stretchesOf(context);
        const ranges = kinds.flatMap((kind) =>
          cutAtStretches([...new Set(parsed.filter((p) => p.kind === kind).map((p) => p.id))].sort((a, b) => a - b), stretches).map((ids) => ({ kind, ids })),
        );
        return TE.traverseSeqArray((range: (typeof ranges)[number]) =>
          pipe(walked(connection, reach, scopeOf(reach.settings), range.kind, range.ids), TE.chain(options.mapTickets(connection, reach, range.kind))),
        )(ranges);
      }),
      TE.map((reads) => reads.flat()),
    );
  return { idsPerRead: options.idsPerRead, fetchRange };
};
