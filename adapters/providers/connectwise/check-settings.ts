import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { invalidInput, sourceUnavailable, type InvalidInput, type SourceConnection, type SourceError, type SourceUnavailable } from '../../../core/index.js';
import { perHour, describeNetFailure, type HttpClient, type HttpResponse, type NetFailure } from '../../net/index.js';
import { budgetKeyOf } from './connectwise-call.js';
import { reachOf, scopeOf } from './connectwise-issue-source.js';
import { quoteCondition, ticketConditions } from './conditions.js';
import { boardsRequest, ticketPageRequest } from './requests.js';
import { BoardCodec, decodeList, errorForStatus, isConditionsRefusal } from './responses.js';

/**
 * A filter ConnectWise cannot read, or a board it does not have, would otherwise sync nothing
 * without a word: one one-row read with the connection's conditions, and one read of its boards.
 */
export const checkConnectWiseSettings =
  (http: HttpClient) =>
  (connection: SourceConnection): TE.TaskEither<InvalidInput | SourceError, void> =>
  async () => {
    const reach = reachOf(connection);
    if (E.isLeft(reach)) return reach;
    const { settings, target } = reach.right;
    const key = budgetKeyOf(connection);
    const send = async (request: ReturnType<typeof boardsRequest>): Promise<E.Either<SourceUnavailable, HttpResponse>> => {
      if (E.isLeft(request)) return request;
      const outcome = await http.send(request.right, { connectionKey: key, idempotent: true, maxAttempts: 2, budget: { key, policy: perHour(settings.requestsPerHour) } });
      return E.mapLeft((failure: NetFailure) => sourceUnavailable(describeNetFailure(failure)))(outcome);
    };
    if (settings.filter !== null) {
      const conditions = ticketConditions('service', scopeOf(settings), { kind: 'ids', ids: [0] });
      const answer = await send(ticketPageRequest(target, 'service', conditions, 1, 1));
      if (E.isLeft(answer)) return answer;
      if (isConditionsRefusal(answer.right)) return E.left(invalidInput([{ path: 'filter', message: `ConnectWise cannot read these conditions: ${errorForStatus(answer.right, null, 'the conditions').message}` }]));
      if (answer.right.status >= 300) return E.left(errorForStatus(answer.right, null, 'the conditions check'));
    }
    if (settings.boards.length > 0) {
      const answer = await send(boardsRequest(target, settings.boards, quoteCondition));
      if (E.isLeft(answer)) return answer;
      if (answer.right.status >= 300) return E.left(errorForStatus(answer.right, null, 'the boards check'));
      const boards = decodeList(BoardCodec, 'the boards (GET /service/boards)')(answer.right);
      if (E.isLeft(boards)) return boards;
      const known = new Set(boards.right.map((b) => b.name.toLowerCase()));
      const missing = settings.boards.filter((name) => !known.has(name.toLowerCase()));
      if (missing.length > 0) return E.left(invalidInput([{ path: 'boards', message: `ConnectWise has no board named ${missing.join(', ')}` }]));
    }
    return E.right(undefined);
  };
