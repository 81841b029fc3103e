import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { UnifiedPriority, UnifiedStatus } from '../domain/field-mappings.js';
import type { SourceIssue } from '../domain/source-issue.js';
import type { SourceError, TransitionUnavailable, WriteRejected } from '../errors.js';
import type { SourceConnection } from './issue-source.js';

/**
 * A unified status as the connection's mappings name it in the tracker: every raw status and every
 * status category that maps to it. The writer picks one that the item can reach (its own workflow,
 * table or board decides which), trying `statuses` before `categories`.
 */
export interface StatusTarget {
  readonly unified: UnifiedStatus;
  readonly statuses: ReadonlyArray<string>;
  readonly categories: ReadonlyArray<string>;
}

/** A unified priority as the tracker names it: every raw priority mapping to it, the preferred first. */
export interface PriorityTarget {
  readonly unified: UnifiedPriority;
  readonly priorities: ReadonlyArray<string>;
}

/** Who to assign: the tracker's own user id when core knows it (a user mapping), else an e-mail to look up. */
export type AssigneeTarget = { readonly externalId: string } | { readonly email: string };

/** The fields of a write, in tracker terms; a field left out is left alone, `null` clears it. */
export interface IssueFields {
  readonly title?: string;
  readonly description?: string | null;
  readonly priority?: PriorityTarget;
  readonly assignee?: AssigneeTarget | null;
  readonly dueDate?: string | null;
}

export interface IssueDraft extends IssueFields {
  /** The project (table, board) the connection names it by: a `projectKey` of its tasks. */
  readonly projectKey: string;
  readonly title: string;
  readonly status?: StatusTarget;
  /**
   * Carried into the tracker with the item (a label, a property, a correlation field), so that
   * `findCreated` can tell whether a create whose answer was lost did happen.
   */
  readonly marker: string;
}

/** Everything a writer can fail with: the tracker's refusals (typed) and the source's errors. */
export type IssueWriteError = SourceError | WriteRejected | TransitionUnavailable;

/**
 * How a tracker's items are created and changed. Every method answers the item as it is once the
 * write is done (read back when the tracker's answer does not carry it), so core stores the new
 * version at once and recognises the tracker's echo of it. A transient failure (unavailable, rate
 * limited) may be retried by core; a refusal (`WriteRejected`, `TransitionUnavailable`) may not;
 * `SourceAuthRejected` pauses the connection's writes.
 */
export interface IssueWriter {
  readonly createIssue: (connection: SourceConnection, draft: IssueDraft) => TE.TaskEither<IssueWriteError, SourceIssue>;
  /** The item a create carrying `marker` made, or null: asked before a create is retried. */
  readonly findCreated: (connection: SourceConnection, projectKey: string, marker: string) => TE.TaskEither<SourceError, SourceIssue | null>;
  /** Changes fields (never the status) of the item with this external id. */
  readonly updateIssue: (connection: SourceConnection, externalId: string, fields: IssueFields) => TE.TaskEither<IssueWriteError, SourceIssue>;
  /** Moves the item to a status of the target; `TransitionUnavailable` lists what it can reach instead. */
  readonly changeStatus: (connection: SourceConnection, externalId: string, target: StatusTarget) => TE.TaskEither<IssueWriteError, SourceIssue>;
}
