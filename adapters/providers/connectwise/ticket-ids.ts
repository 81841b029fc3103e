import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { sourceUnavailable, type IdPage, type IdWalkScope, type SourceConnection, type SourceError } from '../../../core/index.js';
import type { ConnectWiseCall } from './connectwise-call.js';
import { kindsOf, projectIdsOf, reachOf, scopeOf, type ConnectionReach } from './connection-reach.js';
import { ticketConditions, type TicketScope } from './conditions.js';
import { CONNECTWISE_API, type TicketKind } from './facts.js';
import { ticketIdPageRequest, ticketTopIdRequest } from './requests.js';
import { decodeList, IdOnlyCodec, nextPageOf } from './responses.js';
import { decodeIdCursor, encodeIdCursor, type IdCursor } from './search-cursor.js';
import { externalIdOf } from './to-domain.js';
import { encodeWalkContext } from './walk-context.js';
import { advance, pageOfParts, rebalance, WHOLE, type PartAnswer, type PartLimits, type WalkPart } from './walk-parts.js';

const WHAT: Readonly<Record<TicketKind, string>> = {
  service: 'the service ticket ids (GET /service/tickets, fields=id)',
  project: 'the project ticket ids (GET /project/tickets, fields=id)',
};

/** A walk of one kind of ticket in one scope: a page of a part, and the kind's highest id. */
interface KindWalk {
  readonly partPage: (part: WalkPart) => TE.TaskEither<SourceError, PartAnswer>;
  readonly topId: () => TE.TaskEither<SourceError, number>;
}

const kindWalk = (call: ConnectWiseCall, connection: SourceConnection, reach: ConnectionReach, scope: TicketScope, kind: TicketKind, pageSize: number): KindWalk => {
  const ids = (request: ReturnType<typeof ticketIdPageRequest>) =>
    pipe(
      call(connection, reach.settings, request, WHAT[kind], { maxAttempts: CONNECTWISE_API.byIdAttempts }),
      TE.chainEitherKW((response) => E.map((tickets: ReadonlyArray<{ readonly id: number }>) => ({ tickets, response }))(decodeList(IdOnlyCodec, WHAT[kind])(response))),
    );
  return {
    partPage: (part) =>
      pipe(
        ids(ticketIdPageRequest(reach.target, kind, ticketConditions(kind, scope, { kind: 'after-id', after: part.after, upTo: part.to }), pageSize)),
        TE.map(({ tickets, response }) => ({ ids: tickets.map((ticket) => ticket.id), more: nextPageOf(response.header('link')) !== null })),
      ),
    topId: () =>
      pipe(
        ids(ticketTopIdRequest(reach.target, kind, ticketConditions(kind, scope, { kind: 'after-id', after: 0 }))),
        TE.map(({ tickets }) => tickets[0]?.id ?? 0),
      ),
  };
};

/**
 * One round of a kind's walk: a page of every part side by side (and, as the walk of a kind begins,
 * its highest id beside the first page), answered as one page; the parts that go on, rebalanced, are
 * the next cursor, or the next kind once none does.
 */
const round = (walk: KindWalk, kinds: ReadonlyArray<TicketKind>, start: IdCursor, limits: PartLimits): TE.TaskEither<SourceError, IdPage> =>
  pipe(
    TE.Do,
    TE.apS('answers', TE.sequenceArray(start.parts.map(walk.partPage))),
    TE.apS('top', start.top === null ? walk.topId() : TE.right(start.top)),
    TE.map(({ answers, top }): IdPage => {
      const parts = rebalance(advance(start.parts, answers), top, limits);
      const following = kinds[kinds.indexOf(start.kind) + 1];
      const next: IdCursor | null = parts.length > 0 ? { kind: start.kind, top, parts: [...parts] } : following === undefined ? null : { kind: following, top: null, parts: [WHOLE] };
      const page = pageOfParts(answers, limits.pageSize);
      return { ids: page.ids.map((id) => externalIdOf(start.kind, id)), nextCursor: next === null ? null : encodeIdCursor(next), context: encodeWalkContext(page.stretches) };
    }),
  );

/** One page of the walk of these kinds of ticket in this scope. */
const idPage =
  (call: ConnectWiseCall, limits: PartLimits) =>
  (connection: SourceConnection, reach: ConnectionReach, kinds: ReadonlyArray<TicketKind>, scope: TicketScope, cursor: string | null): TE.TaskEither<SourceError, IdPage> => {
    const first = kinds[0];
    if (first === undefined) return TE.right({ ids: [], nextCursor: null });
    return pipe(
      cursor === null ? TE.right<SourceError, IdCursor>({ kind: first, top: null, parts: [WHOLE] }) : TE.fromEither(decodeIdCursor(cursor)),
      TE.filterOrElseW(
        (start) => kinds.includes(start.kind),
        () => sourceUnavailable('The id walk cursor names tickets this walk does not read; restart the sweep'),
      ),
      TE.chainW((start) => round(kindWalk(call, connection, reach, scope, start.kind, limits.pageSize), kinds, start, limits)),
    );
  };

/**
 * The walk of a first sync or a sweep: the ids of every ticket the connection syncs (its conditions,
 * boards and member; the scope's projects, then project tickets only, as the search reads them), open
 * or closed and however old, `fields=id` and up to 1,000 a call, service tickets then project
 * tickets. Each page of a part asks for the ids after the last one it read (`id > n`, and `id <= m`
 * for a bounded part) rather than for page n, so a ticket deleted during the walk never shifts one
 * over a page boundary unseen.
 *
 * The first page of a kind is read beside its highest id (`orderBy=id desc`, one id); when there is
 * more, the ids above the page are cut into up to `parts` parts walked side by side, a page of each
 * per call, instead of a chain of pages each waiting for the one before (20 round trips for 20,000
 * tickets). A refused key pair is the call's `SourceAuthRejected`, never an empty page.
 */
export const connectWiseIdWalk =
  (call: ConnectWiseCall, limits: Partial<PartLimits> = {}) =>
  (connection: SourceConnection, walk: IdWalkScope, cursor: string | null): TE.TaskEither<SourceError, IdPage> =>
    pipe(
      TE.fromEither(reachOf(connection)),
      TE.chain((reach) => {
        const projectIds = projectIdsOf(walk.projectKeys);
        // Project keys that are no project id select no ticket at all.
        if (projectIds === null) return TE.right({ ids: [], nextCursor: null });
        const cut: PartLimits = { pageSize: limits.pageSize ?? CONNECTWISE_API.pageSize, parts: limits.parts ?? CONNECTWISE_API.walkParts };
        return idPage(call, cut)(connection, reach, kindsOf(reach.settings, walk.projectKeys), scopeOf(reach.settings, projectIds), cursor);
      }),
    );
