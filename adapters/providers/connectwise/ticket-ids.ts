import * as E from 'fp-ts/lib/Either.js';
import type { SourceConnection, SourceError } from '../../../core/index.js';
import type { ConnectWiseCall } from './connectwise-call.js';
import { reachOf, scopeOf } from './connectwise-issue-source.js';
import { ticketConditions } from './conditions.js';
import type { TicketKind } from './facts.js';
import { ticketIdPageRequest } from './requests.js';
import { decodeList, IdOnlyCodec, nextPageOf } from './responses.js';
import { externalIdOf } from './to-domain.js';

/**
 * The external ids of every ticket the connection reaches now, open or closed, read as ids only
 * (1,000 a call): what a deletion sweep compares the stored tasks with. `onPage` gets each page.
 */
export const walkTicketIds =
  (call: ConnectWiseCall) =>
  async (connection: SourceConnection, onPage: (externalIds: ReadonlyArray<string>) => Promise<void>): Promise<E.Either<SourceError, number>> => {
    const reach = reachOf(connection);
    if (E.isLeft(reach)) return reach;
    const { settings, target } = reach.right;
    const kinds: ReadonlyArray<TicketKind> = settings.includeProjectTickets ? ['service', 'project'] : ['service'];
    let seen = 0;
    for (const kind of kinds) {
      // Updated since 1970: every ticket, whatever its state or age.
      const conditions = ticketConditions(kind, scopeOf(settings), { kind: 'updated-since', since: new Date(0) });
      for (let page: number | null = 1; page !== null; ) {
        const what = `the ${kind} ticket ids`;
        const answer = await call(connection, settings, ticketIdPageRequest(target, kind, conditions, page), what)();
        if (E.isLeft(answer)) return answer;
        const ids = decodeList(IdOnlyCodec, what)(answer.right);
        if (E.isLeft(ids)) return ids;
        await onPage(ids.right.map((ticket) => externalIdOf(kind, ticket.id)));
        seen += ids.right.length;
        const next = nextPageOf(answer.right.header('link'));
        page = next !== null && next > page ? next : null;
      }
    }
    return E.right(seen);
  };
