import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ExternalTask, TaskDraft, TaskSource, TaskUpsertResult } from '../domain/external-task.js';
import type { UnifiedStatus } from '../domain/field-mappings.js';
import type { ConnectionId, OrganizationId, TaskId } from '../domain/ids.js';
import type { ExternalSystem } from '../domain/provider.js';
import type { TaskDeletion } from '../domain/task-comparison.js';
import type { TaskCursor } from '../domain/task-cursor.js';
import type { PersistenceFailure } from '../errors.js';

export interface TaskFilter {
  readonly connectionId?: ConnectionId;
  readonly externalSystem?: ExternalSystem;
  readonly site?: string;
  readonly status?: UnifiedStatus;
  readonly assigneeEmail?: string;
  /** The tracker's id of the assignee, exactly. */
  readonly assigneeExternalId?: string;
  readonly resourceId?: string;
  readonly projectKey?: string;
  readonly board?: string;
  readonly company?: string;
  readonly updatedSince?: Date;
  /** Deleted tasks are left out unless asked for. */
  readonly includeDeleted?: boolean;
}

export interface PageRequest {
  readonly limit: number;
  /** Start strictly after this position; null for the first page. */
  readonly after: TaskCursor | null;
}

export interface Page<A> {
  readonly items: ReadonlyArray<A>;
  /** Where the next page starts; null when there is no more. */
  readonly next: TaskCursor | null;
}

/** Where a stored task stands, as a reconciliation sweep needs to know it. */
export interface TaskScopeState {
  readonly externalId: string;
  readonly deleted: boolean;
  readonly outOfScope: boolean;
}

/** The unified copies of external work items, always scoped by organization. */
export interface TaskRepository {
  /**
   * Inserts or updates a batch keyed by their source (organizationId, externalSystem, site, externalId), deciding each
   * outcome with `compareTask`, so a stale draft never overwrites a newer task. Results follow the
   * order of `drafts`. All drafts belong to `organizationId`.
   */
  readonly upsertMany: (
    organizationId: OrganizationId,
    drafts: ReadonlyArray<TaskDraft>,
  ) => TE.TaskEither<PersistenceFailure, ReadonlyArray<TaskUpsertResult>>;
  readonly findById: (organizationId: OrganizationId, id: TaskId) => TE.TaskEither<PersistenceFailure, ExternalTask | null>;
  readonly findBySource: (organizationId: OrganizationId, source: TaskSource) => TE.TaskEither<PersistenceFailure, ExternalTask | null>;
  /**
   * Marks the task of a deleted work item with `deletedAt`, deciding with `markTaskDeleted`; answers
   * what changed, or null when nothing did (no such task, already deleted, or restored since).
   */
  readonly markDeleted: (
    organizationId: OrganizationId,
    source: TaskSource,
    deletedAt: Date,
  ) => TE.TaskEither<PersistenceFailure, TaskDeletion | null>;
  /**
   * Every task of the organization whose key is one of `keys` (exact, letter case included), deleted
   * ones too, in one lookup. Keys are unique per tracker, not per organization, so all the tasks
   * holding a key are answered, in no particular order; choosing among them is core's.
   */
  readonly findByKeys: (
    organizationId: OrganizationId,
    keys: ReadonlyArray<string>,
  ) => TE.TaskEither<PersistenceFailure, ReadonlyArray<ExternalTask>>;
  /** Every task of one tracker instance (deleted and out-of-scope ones too), by external id only. */
  readonly scopeStates: (
    organizationId: OrganizationId,
    externalSystem: ExternalSystem,
    site: string,
  ) => TE.TaskEither<PersistenceFailure, ReadonlyArray<TaskScopeState>>;
  /** Newest first by external update time, then id descending (see `compareForList`). */
  readonly list: (
    organizationId: OrganizationId,
    filter: TaskFilter,
    page: PageRequest,
  ) => TE.TaskEither<PersistenceFailure, Page<ExternalTask>>;
}
