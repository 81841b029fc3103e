import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { sourceUnavailable, type IdPage, type IdWalkScope, type SourceConnection, type SourceError } from '../../../core/index.js';
import type { ConnectWiseCall } from './connectwise-call.js';
import { kindsOf, projectIdsOf, reachOf, scopeOf, type ConnectionReach } from './connection-reach.js';
import { ticketConditions, type TicketScope } from './conditions.js';
import { CONNECTWISE_API, type TicketKind } from './facts.js';
import { ticketIdPageRequest } from './requests.js';
import { decodeList, IdOnlyCodec, nextPageOf } from './responses.js';
import { decodeIdCursor, encodeIdCursor, type IdCursor } from './search-cursor.js';
import { externalIdOf } from './to-domain.js';

const WHAT: Readonly<Record<TicketKind, string>> = {
  service: 'the service ticket ids (GET /service/tickets, fields=id)',
  project: 'the project ticket ids (GET /project/tickets, fields=id)',
};

/** The page's ids, and where the next starts: after its last id while ConnectWise says there is more, else the next kind. */
const nextOf = (kinds: ReadonlyArray<TicketKind>, start: IdCursor, tickets: ReadonlyArray<{ readonly id: number }>, more: boolean): IdPage => {
  const last = tickets[tickets.length - 1]?.id;
  const following = kinds[kinds.indexOf(start.kind) + 1];
  const next: IdCursor | null = more && last !== undefined ? { kind: start.kind, after: last } : following === undefined ? null : { kind: following, after: 0 };
  return { ids: tickets.map((ticket) => externalIdOf(start.kind, ticket.id)), nextCursor: next === null ? null : encodeIdCursor(next) };
};

/** One page of the walk of these kinds of ticket in this scope. */
const idPage =
  (call: ConnectWiseCall, pageSize: number) =>
  (connection: SourceConnection, reach: ConnectionReach, kinds: ReadonlyArray<TicketKind>, scope: TicketScope, cursor: string | null): TE.TaskEither<SourceError, IdPage> => {
    const first = kinds[0];
    if (first === undefined) return TE.right({ ids: [], nextCursor: null });
    return pipe(
      cursor === null ? TE.right<SourceError, IdCursor>({ kind: first, after: 0 }) : TE.fromEither(decodeIdCursor(cursor)),
      TE.filterOrElseW(
        (start) => kinds.includes(start.kind),
        () => sourceUnavailable('The id walk cursor names tickets this walk does not read; restart the sweep'),
      ),
      TE.chainW((start) => {
        const conditions = ticketConditions(start.kind, scope, { kind: 'after-id', after: start.after });
        return pipe(
          call(connection, reach.settings, ticketIdPageRequest(reach.target, start.kind, conditions, pageSize), WHAT[start.kind], { maxAttempts: CONNECTWISE_API.byIdAttempts }),
          TE.chainEitherKW((response) =>
            pipe(
              decodeList(IdOnlyCodec, WHAT[start.kind])(response),
              E.map((tickets) => nextOf(kinds, start, tickets, nextPageOf(response.header('link')) !== null)),
            ),
          ),
        );
      }),
    );
  };

/**
 * The sweep's walk: the ids of every ticket the connection syncs (its conditions, boards and member;
 * the scope's projects, then project tickets only, as the search reads them), open or closed and
 * however old, `fields=id` and up to 1,000 a call, service tickets then project tickets, in id
 * order. Each page asks for the ids after the last one read (`id > n`) rather than for page n, so a
 * ticket deleted during the walk never shifts one over a page boundary unseen. A refused key pair is
 * the call's `SourceAuthRejected`, never an empty page.
 */
export const connectWiseIdWalk =
  (call: ConnectWiseCall, pageSize: number = CONNECTWISE_API.pageSize) =>
  (connection: SourceConnection, walk: IdWalkScope, cursor: string | null): TE.TaskEither<SourceError, IdPage> =>
    pipe(
      TE.fromEither(reachOf(connection)),
      TE.chain((reach) => {
        const projectIds = projectIdsOf(walk.projectKeys);
        // Project keys that are no project id select no ticket at all.
        if (projectIds === null) return TE.right({ ids: [], nextCursor: null });
        return idPage(call, pageSize)(connection, reach, kindsOf(reach.settings, walk.projectKeys), scopeOf(reach.settings, projectIds), cursor);
      }),
    );
