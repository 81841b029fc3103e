import * as A from 'fp-ts/lib/Array.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { IssuePage, IssueQuery, IssueSource, SourceConnection, SourceError, SourceIssue } from '../../../core/index.js';
import { createHttpClient, type HttpClient, type HttpClientOptions, type HttpResponse } from '../../net/index.js';
import { adaptiveConcurrency } from '../shared/adaptive-concurrency.js';
import { connectWiseCall } from './connectwise-call.js';
import { connectWiseConnectionTest } from './connectwise-connection-test.js';
import { kindsOf, projectIdsOf, reachOf, scopeOf, UNSCOPED, type ConnectionReach } from './connection-reach.js';
import { ticketUrlOf } from './connectwise-site.js';
import { ticketConditions, type TicketScope, type TicketWindow } from './conditions.js';
import { CONNECTWISE_API, TICKET_KINDS, type TicketKind } from './facts.js';
import { ticketPageRequest } from './requests.js';
import { decodeList, nextPageOf } from './responses.js';
import { decodeCursor, encodeCursor, type SearchCursor } from './search-cursor.js';
import type { ConnectWiseSettings } from './settings.js';
import { connectWiseRangeReads } from './range-reads.js';
import { metadataCaches, pageMetadata, type MetadataCaches } from './ticket-metadata.js';
import { connectWiseIdWalk } from './ticket-ids.js';
import { parseExternalId, TicketCodec, toSourceIssue, type Ticket } from './to-domain.js';

export interface ConnectWiseIssueSourceOptions extends HttpClientOptions {
  /** Tickets per page; 1,000 (ConnectWise's maximum) unless a test wants more pages. */
  readonly pageSize?: number;
  /** Ids per page of the id walk; 1,000 unless a test wants more pages. */
  readonly idPageSize?: number;
  /** Parts of the id space walked side by side (`CONNECTWISE_API.walkParts`); 1 walks page after page. */
  readonly walkParts?: number;
  /** Walked ids one range read covers; 1,000 (`CONNECTWISE_API.idsPerRangeRead`) unless a test wants more reads. */
  readonly idsPerRangeRead?: number;
  /** A person is waiting for testConnection, so it gives up sooner than a sync. */
  readonly testConnectionAttempts?: number;
  readonly metadataTtlMs?: number;
}

export interface ConnectWiseIssueSource extends IssueSource {
  readonly close: () => void;
}

export { reachOf, scopeOf, type ConnectionReach } from './connection-reach.js';

const TICKETS: Readonly<Record<TicketKind, string>> = { service: 'the service tickets (GET /service/tickets)', project: 'the project tickets (GET /project/tickets)' };
const DAY_MS = 86_400_000;

const windowOf = (cursor: SearchCursor): TicketWindow =>
  cursor.window === 'updated-since' ? { kind: 'updated-since', since: new Date(cursor.at) } : { kind: 'open-or-closed-since', closedSince: new Date(cursor.at) };

/** ConnectWise PSA REST 3.0 over HTTP: service tickets, then project tickets, each in id order. */
export const connectWiseIssueSource = (options: ConnectWiseIssueSourceOptions): ConnectWiseIssueSource => {
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? CONNECTWISE_API.pageSize;
  // Requests in flight per site adapt to its answers, ready for pages read side by side.
  const http: HttpClient = createHttpClient({ siteConcurrency: adaptiveConcurrency(), ...options });
  const call = connectWiseCall(http);
  const caches: MetadataCaches = metadataCaches(now, options.metadataTtlMs);
  const metadata = pageMetadata(call, caches);

  /** Maps tickets of one kind, each with the metadata it needs (read once for every read side by side). */
  const mapTickets =
    (connection: SourceConnection, reach: ConnectionReach, kind: TicketKind) =>
    (tickets: ReadonlyArray<Ticket>): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>> =>
      pipe(
        metadata(connection, reach.settings, reach.target, tickets),
        TE.map((meta) =>
          tickets.map((ticket: Ticket) =>
            toSourceIssue({
              kind,
              boardStatuses: meta.statusesOf(ticket.board?.id),
              ownerEmail: meta.emailOf(ticket.owner?.identifier),
              prioritySort: meta.sortOf(ticket.priority?.id),
              ticketUrl: ticketUrlOf(connection.baseUrl, reach.settings.codebase, reach.settings.companyId),
            })(ticket),
          ),
        ),
      );

  /** Decodes a page of tickets and maps each with the metadata it needs. */
  const toIssues = (connection: SourceConnection, reach: ConnectionReach, kind: TicketKind) => (response: HttpResponse) =>
    pipe(TE.fromEither(decodeList(TicketCodec, TICKETS[kind])(response)), TE.chain(mapTickets(connection, reach, kind)));

  const firstCursor = (settings: ConnectWiseSettings, query: IssueQuery): SearchCursor =>
    query.updatedSince === null
      ? { kind: 'service', page: 1, window: 'open-or-closed-since', at: new Date(now() - settings.closedTicketsDays * DAY_MS).toISOString() }
      : { kind: 'service', page: 1, window: 'updated-since', at: new Date(query.updatedSince.getTime() - CONNECTWISE_API.overlapMs).toISOString() };

  const readPage = (connection: SourceConnection, reach: ConnectionReach, query: IssueQuery, cursor: SearchCursor): TE.TaskEither<SourceError, IssuePage> => {
    const kinds = kindsOf(reach.settings, query.projectKeys);
    const projectIds = projectIdsOf(query.projectKeys);
    const next = kinds[kinds.indexOf(cursor.kind) + 1];
    const following = next === undefined ? null : encodeCursor({ ...cursor, kind: next, page: 1 });
    if (!kinds.includes(cursor.kind)) return TE.right({ issues: [], nextCursor: kinds[0] === undefined ? null : encodeCursor({ ...cursor, kind: kinds[0], page: 1 }) });
    // Project keys that are no project id select no ticket at all.
    if (projectIds === null) return TE.right({ issues: [], nextCursor: null });
    const conditions = ticketConditions(cursor.kind, scopeOf(reach.settings, projectIds), windowOf(cursor));
    return pipe(
      call(connection, reach.settings, ticketPageRequest(reach.target, cursor.kind, conditions, cursor.page, pageSize), TICKETS[cursor.kind]),
      TE.chain((response) =>
        pipe(
          toIssues(connection, reach, cursor.kind)(response),
          TE.map((issues): IssuePage => {
            const nextPage = nextPageOf(response.header('link'));
            return { issues, nextCursor: nextPage !== null && nextPage > cursor.page ? encodeCursor({ ...cursor, page: nextPage }) : following };
          }),
        ),
      ),
    );
  };

  const searchIssues = (connection: SourceConnection, query: IssueQuery, cursor: string | null): TE.TaskEither<SourceError, IssuePage> =>
    pipe(
      TE.fromEither(reachOf(connection)),
      TE.chain((reach) =>
        pipe(
          cursor === null ? TE.right(firstCursor(reach.settings, query)) : TE.fromEither(decodeCursor(cursor)),
          TE.chainW((start) => readPage(connection, reach, query, start)),
        ),
      ),
    );

  /** Up to 200 ids of one kind in one call, within this scope; the others are left out. */
  const fetchChunk = (connection: SourceConnection, reach: ConnectionReach, scope: TicketScope, kind: TicketKind, ids: ReadonlyArray<number>): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>> =>
    pipe(
      call(connection, reach.settings, ticketPageRequest(reach.target, kind, ticketConditions(kind, scope, { kind: 'ids', ids }), 1), TICKETS[kind], { maxAttempts: CONNECTWISE_API.byIdAttempts }),
      TE.chain(toIssues(connection, reach, kind)),
    );

  /** Tickets by external id (the id names the kind): within the connection's scope, or wherever they now are. */
  const readByIds = (connection: SourceConnection, externalIds: ReadonlyArray<string>, scoped: boolean): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>> =>
    pipe(
      TE.fromEither(reachOf(connection)),
      TE.chain((reach) => {
        const parsed = [...new Set(externalIds)].map(parseExternalId).filter((p) => p !== null);
        const kinds: ReadonlyArray<TicketKind> = !scoped || reach.settings.includeProjectTickets ? TICKET_KINDS : ['service'];
        const scope = scoped ? scopeOf(reach.settings) : UNSCOPED;
        const chunks = kinds.flatMap((kind) => A.chunksOf(CONNECTWISE_API.idsPerCall)(parsed.filter((p) => p.kind === kind).map((p) => p.id)).map((ids) => ({ kind, ids })));
        return TE.traverseSeqArray((chunk: (typeof chunks)[number]) => fetchChunk(connection, reach, scope, chunk.kind, chunk.ids))(chunks);
      }),
      TE.map((pages) => pages.flat()),
    );

  const fetchIssues = (connection: SourceConnection, externalIds: ReadonlyArray<string>) => readByIds(connection, externalIds, true);

  /** Without the conditions, boards and member: a ticket moved to another board or project is still found. */
  const lookUpIssues = (connection: SourceConnection, externalIds: ReadonlyArray<string>) => readByIds(connection, externalIds, false);

  const walkIds = connectWiseIdWalk(call, { ...(options.idPageSize === undefined ? {} : { pageSize: options.idPageSize }), ...(options.walkParts === undefined ? {} : { parts: options.walkParts }) });
  const testConnection = connectWiseConnectionTest(call, options.testConnectionAttempts ?? 2);
  const rangeReads = connectWiseRangeReads({ call, pageSize, idsPerRead: options.idsPerRangeRead ?? CONNECTWISE_API.idsPerRangeRead, mapTickets });
  return { testConnection, searchIssues, fetchIssues, walkIds, lookUpIssues, rangeReads, close: http.close };
};
