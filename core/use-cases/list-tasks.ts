import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeQuery } from '../codecs/decode.js';
import { TaskListQueryCodec, type TaskListQuery } from '../codecs/task-query.js';
import type { ExternalTask } from '../domain/external-task.js';
import { asEntityId, type OrganizationId } from '../domain/ids.js';
import { decodeTaskCursor, encodeTaskCursor, type TaskCursor } from '../domain/task-cursor.js';
import { invalidQuery, type InvalidQuery, type PersistenceFailure } from '../errors.js';
import type { ProviderRegistry } from '../ports/provider.js';
import type { TaskFilter, TaskRepository } from '../ports/task-repository.js';
import { withKnownProvider } from './providers/find-provider.js';

export interface TaskListPage {
  readonly items: ReadonlyArray<ExternalTask>;
  /** Opaque; pass it back as `cursor` for the next page. */
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;

const toFilter = (q: TaskListQuery): TaskFilter => ({
  ...(q.connectionId === undefined ? {} : { connectionId: asEntityId(q.connectionId) }),
  ...(q.source === undefined ? {} : { externalSystem: q.source }),
  ...(q.status === undefined ? {} : { status: q.status }),
  ...(q.assignee === undefined ? {} : { assigneeEmail: q.assignee }),
  ...(q.resourceId === undefined ? {} : { resourceId: q.resourceId }),
  ...(q.projectKey === undefined ? {} : { projectKey: q.projectKey }),
  ...(q.board === undefined ? {} : { board: q.board }),
  ...(q.company === undefined ? {} : { company: q.company }),
  ...(q.updatedSince === undefined ? {} : { updatedSince: q.updatedSince }),
  includeDeleted: q.includeDeleted === 'true',
});

const parseCursor = (cursor: string | undefined): E.Either<InvalidQuery, TaskCursor | null> => {
  if (cursor === undefined) return E.right(null);
  const decoded = decodeTaskCursor(cursor);
  return decoded === null ? E.left(invalidQuery([{ path: 'cursor', message: 'is not a cursor this API returned' }])) : E.right(decoded);
};

/** Tasks of the organization, newest change first, filtered and paged by an opaque cursor. */
export const listTasks =
  (deps: { readonly tasks: TaskRepository; readonly providers: ProviderRegistry }) =>
  (organizationId: OrganizationId, query: unknown): TE.TaskEither<InvalidQuery | PersistenceFailure, TaskListPage> =>
    pipe(
      // A source no provider answers to can match no task: say so rather than answer an empty list.
      TE.fromEither(withKnownProvider(deps.providers, 'source', query, invalidQuery)(decodeQuery(TaskListQueryCodec)(query))),
      TE.bindTo('q'),
      TE.bind('after', ({ q }) => TE.fromEither(parseCursor(q.cursor))),
      TE.chainW(({ q, after }) => deps.tasks.list(organizationId, toFilter(q), { limit: q.limit ?? DEFAULT_PAGE_SIZE, after })),
      TE.map((page) => ({ items: page.items, nextCursor: page.next === null ? null : encodeTaskCursor(page.next) })),
    );
