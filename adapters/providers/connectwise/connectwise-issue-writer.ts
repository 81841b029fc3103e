import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  transitionUnavailable,
  type IssueFields,
  type IssueWriteError,
  type IssueWriter,
  type SourceConnection,
  type SourceError,
  type SourceIssue,
  type StatusTarget,
} from '../../../core/index.js';
import type { HttpClient } from '../../net/index.js';
import { reachOf, type ConnectionReach } from './connection-reach.js';
import { connectWiseCall } from './connectwise-call.js';
import { boardStatusesRequest } from './requests.js';
import { BoardStatusCodec, decodeList, decodeObject, IdOnlyCodec } from './responses.js';
import { externalIdOf, parseExternalId } from './to-domain.js';
import { chooseStatus, reachableStatuses } from './write-choices.js';
import { connectWiseWriteCall } from './write-call.js';
import { referenceLookups, rejected } from './write-references.js';
import { createTicketRequest, markedTicketsRequest, patchOperations, patchTicketRequest, type TicketChanges } from './write-requests.js';

export interface ConnectWiseIssueWriterOptions {
  readonly http: HttpClient;
  /** Reads tickets as the issue source maps them (`lookUpIssues`), so an answer is exactly what the callback's read will be. */
  readonly readBack: (connection: SourceConnection, externalIds: ReadonlyArray<string>) => TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>>;
}

/**
 * ConnectWise PSA's writer (docs/write-back.md): service tickets are created on the board
 * `projectKey` names with the marker in `externalXRef`; fields change by JSON Patch, the status by
 * the board's status the mappings name. Every answer is the ticket read back through the source.
 */
export const connectWiseIssueWriter = ({ http, readBack }: ConnectWiseIssueWriterOptions): IssueWriter => {
  const read = connectWiseCall(http);
  const write = connectWiseWriteCall(http);
  const reach = (connection: SourceConnection) => TE.fromEither(reachOf(connection));
  const { ownerOf, priorityOf } = referenceLookups(read);

  const ticket = (connection: SourceConnection, externalId: string): TE.TaskEither<IssueWriteError, SourceIssue> =>
    pipe(
      readBack(connection, [externalId]),
      TE.chainW((found) => {
        const issue = found.find((i) => i.externalId === externalId);
        return issue === undefined ? TE.left(rejected('externalId', `ticket ${externalId} no longer exists`)) : TE.right(issue);
      }),
    );

  /** The fields in ConnectWise's references; a description cannot change (it is the ticket's first note). */
  const changesOf = (connection: SourceConnection, at: ConnectionReach, fields: IssueFields): TE.TaskEither<IssueWriteError, TicketChanges> =>
    pipe(
      TE.Do,
      TE.apSW('owner', ownerOf(connection, at, fields.assignee)),
      TE.apSW('priorityId', priorityOf(connection, at, fields.priority)),
      TE.map(({ owner, priorityId }) => ({
        ...(fields.title === undefined ? {} : { summary: fields.title }),
        ...(fields.dueDate === undefined ? {} : { dueDate: fields.dueDate }),
        ...(owner === undefined ? {} : { owner }),
        ...(priorityId === undefined ? {} : { priorityId }),
      })),
    );

  const changeStatus = (connection: SourceConnection, externalId: string, target: StatusTarget): TE.TaskEither<IssueWriteError, SourceIssue> =>
    pipe(
      TE.Do,
      TE.apSW('at', reach(connection)),
      TE.apSW('now', ticket(connection, externalId)),
      TE.chainW(({ at, now }) => {
        const parsed = parseExternalId(externalId);
        const boardId = now.sourceData.boardId;
        const board = now.board ?? null;
        if (parsed === null || typeof boardId !== 'number' || board === null) return TE.left(rejected('status', 'the ticket has no board'));
        const currentId = typeof now.sourceData.statusId === 'number' ? now.sourceData.statusId : null;
        const what = `the statuses of board ${board}`;
        return pipe(
          read(connection, at.settings, boardStatusesRequest(at.target, boardId), what),
          TE.chainEitherKW(decodeList(BoardStatusCodec, what)),
          TE.chainW((statuses) => {
            const chosen = chooseStatus(board, statuses, currentId, target);
            if (chosen === null) return TE.left<IssueWriteError, unknown>(transitionUnavailable(target.unified, reachableStatuses(board, statuses, currentId)));
            const operations = [{ op: 'replace' as const, path: '/status', value: { id: chosen.id } }];
            return write(connection, at.settings, patchTicketRequest(at.target, parsed.kind, parsed.id, operations), `the status of ticket ${externalId}`, true);
          }),
          TE.chainW(() => ticket(connection, externalId)),
        );
      }),
    );

  const createIssue: IssueWriter['createIssue'] = (connection, draft) =>
    pipe(
      reach(connection),
      TE.chainW((at) => {
        if (/^\d+$/.test(draft.projectKey)) return TE.left(rejected('projectKey', 'project tickets are not created here (they need a phase); name a service board'));
        if (at.settings.boards.length > 0 && !at.settings.boards.some((b) => b.toLowerCase() === draft.projectKey.toLowerCase())) {
          return TE.left(rejected('projectKey', `${draft.projectKey} is not one of the connection's boards`));
        }
        return pipe(
          changesOf(connection, at, draft),
          TE.map((changes) => createTicketRequest(at.target, { ...changes, summary: draft.title, board: draft.projectKey, company: at.settings.companyId, marker: draft.marker, description: draft.description ?? null })),
          TE.chainW((request) => write(connection, at.settings, request, `the new ticket on ${draft.projectKey}`, false)),
          TE.chainEitherKW(decodeObject(IdOnlyCodec, 'the new ticket')),
        );
      }),
      TE.map((created) => externalIdOf('service', created.id)),
      // The ticket exists once created: a status it cannot move to leaves it where the board starts it.
      TE.chainW((externalId) => (draft.status === undefined ? ticket(connection, externalId) : pipe(changeStatus(connection, externalId, draft.status), TE.orElse(() => ticket(connection, externalId))))),
    );

  const findCreated: IssueWriter['findCreated'] = (connection, _projectKey, marker) =>
    pipe(
      reach(connection),
      TE.chain((at) => read(connection, at.settings, markedTicketsRequest(at.target, marker), 'the tickets carrying the marker')),
      TE.chainEitherKW(decodeList(IdOnlyCodec, 'the tickets carrying the marker')),
      TE.chain((found) => (found[0] === undefined ? TE.right(null) : pipe(readBack(connection, [externalIdOf('service', found[0].id)]), TE.map((issues) => issues[0] ?? null)))),
    );

  const updateIssue: IssueWriter['updateIssue'] = (connection, externalId, fields) => {
    const parsed = parseExternalId(externalId);
    if (parsed === null) return TE.left(rejected('externalId', `${externalId} names no ConnectWise ticket`));
    if (fields.description !== undefined) return TE.left(rejected('description', "a ticket's description is its first note, which the API does not change; add a note in ConnectWise"));
    return pipe(
      reach(connection),
      TE.chainW((at) =>
        pipe(
          changesOf(connection, at, fields),
          TE.map(patchOperations),
          TE.chainW((operations) =>
            operations.length === 0 ? TE.right(undefined) : write(connection, at.settings, patchTicketRequest(at.target, parsed.kind, parsed.id, operations), `the fields of ticket ${externalId}`, true),
          ),
        ),
      ),
      TE.chainW(() => ticket(connection, externalId)),
    );
  };

  return { createIssue, findCreated, updateIssue, changeStatus };
};
