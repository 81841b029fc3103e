import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { ExternalTask } from '../../domain/external-task.js';
import type { JsonObject } from '../../domain/json.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import type { AssigneeRef, CreateRequest, TaskFieldChanges, UpdateRequest, WritableField, Write } from '../../domain/write.js';
import { normalizeEmail } from '../../domain/user-mapping.js';
import { taskNotFound, type DomainError } from '../../errors.js';
import type { SourceConnection } from '../../ports/issue-source.js';
import type { AssigneeTarget, IssueFields, IssueWriter } from '../../ports/issue-writer.js';
import type { Provider } from '../../ports/provider.js';
import type { TaskRepository } from '../../ports/task-repository.js';
import type { UserMappingRepository } from '../../ports/user-mapping-repository.js';
import { toTaskDraft } from '../sync/to-task-draft.js';
import { changedWritableFields, conflictingFields } from './write-conflicts.js';
import { priorityTarget, statusTarget } from './write-targets.js';

export interface PerformWriteDeps {
  readonly tasks: TaskRepository;
  readonly userMappings: UserMappingRepository;
}

/** What the tracker answered, or why core stopped before writing: the fields someone else changed. */
export type Performed =
  | { readonly kind: 'written'; readonly issue: SourceIssue; readonly overwritten: ReadonlyArray<WritableField> }
  | { readonly kind: 'conflict'; readonly conflicts: JsonObject };

export interface WriteTarget {
  readonly provider: Provider;
  readonly writer: IssueWriter;
  readonly source: SourceConnection;
  readonly connection: Connection;
}

/** The marker a create carries into the tracker, so a retry can find what a lost answer hid. */
export const createMarker = (write: Write): string => `taskport-${write.id}`;

/** A user mapping knows the tracker's own id for an e-mail; else the writer looks the e-mail up. */
const assigneeTarget = (deps: PerformWriteDeps, connection: Connection, assignee: AssigneeRef): TE.TaskEither<DomainError, AssigneeTarget> => {
  if ('externalId' in assignee) return TE.right(assignee);
  const email = normalizeEmail(assignee.email);
  return pipe(
    deps.userMappings.findByIdentities(connection.organizationId, connection.provider, { emails: [email], externalUserIds: [] }),
    TE.map((found): AssigneeTarget => {
      const externalId = found.find((m) => m.externalEmail === email)?.externalUserId ?? null;
      return externalId === null ? { email } : { externalId };
    }),
  );
};

const issueFields = (deps: PerformWriteDeps, connection: Connection, changes: TaskFieldChanges): TE.TaskEither<DomainError, IssueFields> =>
  pipe(
    changes.assignee === undefined || changes.assignee === null
      ? TE.right<DomainError, AssigneeTarget | null | undefined>(changes.assignee)
      : assigneeTarget(deps, connection, changes.assignee),
    TE.map((assignee) => ({
      ...(changes.title === undefined ? {} : { title: changes.title }),
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.dueDate === undefined ? {} : { dueDate: changes.dueDate }),
      ...(changes.priority === undefined ? {} : { priority: priorityTarget(connection.mappings, changes.priority) }),
      ...(assignee === undefined ? {} : { assignee }),
    })),
  );

/** A create; a retry first asks the tracker for the item an earlier attempt may have made. */
export const performCreate = (deps: PerformWriteDeps, target: WriteTarget, write: Write, request: CreateRequest): TE.TaskEither<DomainError, Performed> => {
  const marker = createMarker(write);
  const create = pipe(
    issueFields(deps, target.connection, request),
    TE.chainW((fields) =>
      target.writer.createIssue(target.source, {
        ...fields,
        projectKey: request.projectKey,
        title: request.title,
        marker,
        ...(request.status === undefined ? {} : { status: statusTarget(target.connection.mappings, request.status) }),
      }),
    ),
  );
  const earlier = write.attempts > 1 ? target.writer.findCreated(target.source, request.projectKey, marker) : TE.right(null);
  return pipe(
    earlier,
    TE.chainW((found) => (found === null ? create : TE.right(found))),
    TE.map((issue): Performed => ({ kind: 'written', issue, overwritten: [] })),
  );
};

const fetchCurrent = (target: WriteTarget, task: ExternalTask): TE.TaskEither<DomainError, SourceIssue> =>
  pipe(
    target.provider.issues.fetchIssues(target.source, [task.externalId]),
    TE.chainW((issues) => {
      const found = issues.find((i) => i.externalId === task.externalId);
      return found === undefined ? TE.left(taskNotFound(task.id)) : TE.right(found);
    }),
  );

/** Writes the fields, then the status (a separate step on most trackers), answering the item as it ends. */
const applyChanges = (deps: PerformWriteDeps, target: WriteTarget, current: SourceIssue, currentStatus: string, request: UpdateRequest) => {
  const { status, ...rest } = request;
  const fieldsWanted = changedWritableFields(rest).length > 0;
  return pipe(
    fieldsWanted ? pipe(issueFields(deps, target.connection, rest), TE.chainW((fields) => target.writer.updateIssue(target.source, current.externalId, fields))) : TE.right(current),
    TE.chainW((issue) =>
      status === undefined || status === currentStatus ? TE.right(issue) : target.writer.changeStatus(target.source, issue.externalId, statusTarget(target.connection.mappings, status)),
    ),
  );
};

/**
 * An update: the tracker's item as it is now against the product's base. Fields someone else
 * changed since are a conflict under `tracker-wins`, overwritten (and recorded) under `product-wins`.
 */
export const performUpdate = (deps: PerformWriteDeps, target: WriteTarget, request: UpdateRequest): TE.TaskEither<DomainError, Performed> =>
  pipe(
    deps.tasks.findById(target.connection.organizationId, request.taskId),
    TE.chainW((task) => (task === null ? TE.left(taskNotFound(request.taskId)) : TE.right(task))),
    TE.chainW((task) =>
      pipe(
        fetchCurrent(target, task),
        TE.chainW((current): TE.TaskEither<DomainError, Performed> => {
          const now = toTaskDraft(target.connection, current, null, task.lastSyncedAt);
          const moved = current.version !== request.baseVersion;
          const base = request.baseVersion === task.sourceVersion ? task : null;
          const conflicts = moved ? conflictingFields(request, base, now) : {};
          const overwritten = Object.keys(conflicts) as ReadonlyArray<WritableField>;
          if (overwritten.length > 0 && target.connection.writeConflictPolicy === 'tracker-wins') return TE.right({ kind: 'conflict', conflicts });
          return pipe(
            applyChanges(deps, target, current, now.status, request),
            TE.map((issue): Performed => ({ kind: 'written', issue, overwritten })),
          );
        }),
      ),
    ),
  );
