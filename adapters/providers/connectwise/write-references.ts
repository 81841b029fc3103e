import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { writeRejected, type AssigneeTarget, type IssueWriteError, type PriorityTarget, type SourceConnection } from '../../../core/index.js';
import type { ConnectionReach } from './connection-reach.js';
import type { ConnectWiseCall } from './connectwise-call.js';
import { prioritiesRequest } from './requests.js';
import { decodeList, MemberCodec, PriorityCodec } from './responses.js';
import { choosePriority } from './write-choices.js';
import { memberByEmailRequest } from './write-requests.js';

/** A field ConnectWise cannot take: a refusal of the write, never retried. */
export const rejected = (path: string, message: string) => writeRejected(`ConnectWise cannot take the ${path}: ${message}`, [{ path, message }]);

/** The references a write names by taskport's values, looked up on the site: a member by e-mail, a priority by its mapped names. */
export const referenceLookups = (read: ConnectWiseCall) => {
  const ownerOf = (connection: SourceConnection, at: ConnectionReach, assignee: AssigneeTarget | null | undefined): TE.TaskEither<IssueWriteError, string | null | undefined> => {
    if (assignee === undefined || assignee === null) return TE.right(assignee);
    if ('externalId' in assignee) return TE.right(assignee.externalId);
    const what = 'the members (GET /system/members)';
    return pipe(
      read(connection, at.settings, memberByEmailRequest(at.target, assignee.email), what),
      TE.chainEitherKW(decodeList(MemberCodec, what)),
      TE.chainW((members) => {
        const member = members.find((m) => m.primaryEmail?.toLowerCase() === assignee.email.toLowerCase());
        return member === undefined ? TE.left(rejected('assignee', `no ConnectWise member has the e-mail ${assignee.email}`)) : TE.right(member.identifier);
      }),
    );
  };

  const priorityOf = (connection: SourceConnection, at: ConnectionReach, wanted: PriorityTarget | undefined): TE.TaskEither<IssueWriteError, number | undefined> => {
    if (wanted === undefined) return TE.right(undefined);
    const what = 'the priorities (GET /service/priorities)';
    return pipe(
      read(connection, at.settings, prioritiesRequest(at.target), what),
      TE.chainEitherKW(decodeList(PriorityCodec, what)),
      TE.chainW((priorities) => {
        const chosen = choosePriority(priorities, wanted.priorities);
        return chosen === null ? TE.left(rejected('priority', `no priority of the site maps to ${wanted.unified} (${wanted.priorities.join(', ') || 'no mapping'})`)) : TE.right(chosen.id);
      }),
    );
  };

  return { ownerOf, priorityOf };
};
