import { deepEqual } from './deep-equal.js';
import type { OrganizationId, TaskId } from './ids.js';
import { TASK_CONTENT_FIELDS, type ExternalTask, type TaskContent, type TaskDraft, type UpsertOutcome } from './external-task.js';

export interface TaskComparison {
  readonly outcome: UpsertOutcome;
  readonly changedFields: ReadonlyArray<keyof TaskContent>;
}

const DIGITS = /^\d{1,30}$/;

/** Same update time, both versions numeric, and the draft's lower: a late delivery of an earlier edit. */
const isOlderVersion = (previous: ExternalTask, draft: TaskDraft): boolean =>
  previous.externalUpdatedAt.getTime() === draft.externalUpdatedAt.getTime() &&
  DIGITS.test(previous.sourceVersion) &&
  DIGITS.test(draft.sourceVersion) &&
  BigInt(draft.sourceVersion) < BigInt(previous.sourceVersion);

/** Whether `draft` is older than what is stored, and so must never replace it. */
export const isStaleDraft = (previous: ExternalTask, draft: TaskDraft): boolean =>
  previous.externalUpdatedAt.getTime() > draft.externalUpdatedAt.getTime() || isOlderVersion(previous, draft);

/**
 * Decides what an upsert of `draft` does to `previous`. Every TaskRepository adapter uses this one
 * rule, so the fake and the database cannot disagree. A draft older than what is stored (a late
 * webhook, an overlapping poll) never rolls the task back.
 */
export const compareTask = (previous: ExternalTask | undefined, draft: TaskDraft): TaskComparison => {
  if (previous === undefined) return { outcome: 'created', changedFields: TASK_CONTENT_FIELDS };
  if (isStaleDraft(previous, draft)) return { outcome: 'unchanged', changedFields: [] };
  const changedFields = TASK_CONTENT_FIELDS.filter((field) => !deepEqual(previous[field], draft[field]));
  return { outcome: changedFields.length === 0 ? 'unchanged' : 'updated', changedFields };
};

/**
 * A draft stored as a task, member by member. Every item a sync writes is made here, then read
 * member by member (its row, its event): written out as one literal the object keeps V8's fast
 * properties, where a spread or `Object.assign({}, draft, ...)` of 34 members leaves it a dictionary,
 * about three times as slow to make and read and ten times as large.
 */
export const taskOf = (draft: TaskDraft, organizationId: OrganizationId, id: TaskId, createdAt: Date, updatedAt: Date): ExternalTask => ({
  id,
  organizationId,
  connectionId: draft.connectionId,
  externalSystem: draft.externalSystem,
  site: draft.site,
  externalId: draft.externalId,
  key: draft.key,
  url: draft.url,
  title: draft.title,
  description: draft.description,
  status: draft.status,
  rawStatus: draft.rawStatus,
  statusCategory: draft.statusCategory,
  priority: draft.priority,
  rawPriority: draft.rawPriority,
  projectKey: draft.projectKey,
  internalProjectId: draft.internalProjectId,
  board: draft.board,
  company: draft.company,
  phase: draft.phase,
  assigneeEmail: draft.assigneeEmail,
  assigneeExternalId: draft.assigneeExternalId,
  resourceId: draft.resourceId,
  dueDate: draft.dueDate,
  externalCreatedAt: draft.externalCreatedAt,
  externalUpdatedAt: draft.externalUpdatedAt,
  sourceVersion: draft.sourceVersion,
  sourceData: draft.sourceData,
  dataNotes: draft.dataNotes,
  deletedAt: draft.deletedAt,
  outOfScopeAt: draft.outOfScopeAt,
  lastSyncedAt: draft.lastSyncedAt,
  createdAt,
  updatedAt,
});

/** The stored task after applying a comparison; identity and creation time are kept. */
export const applyDraft = (previous: ExternalTask, draft: TaskDraft, now: Date): ExternalTask => taskOf(draft, draft.organizationId, previous.id, previous.createdAt, now);

export interface TaskDeletion {
  readonly task: ExternalTask;
  readonly changedFields: ReadonlyArray<keyof TaskContent>;
  /** The task before it was marked. */
  readonly previous: ExternalTask;
}

/**
 * Marks a task deleted at `deletedAt`, or answers null when there is nothing to do: it is already
 * deleted, or it holds a version newer than the deletion (an issue restored since). The external
 * update time moves up to the deletion, so an older version arriving late cannot bring it back.
 */
export const markTaskDeleted = (previous: ExternalTask, deletedAt: Date, now: Date): TaskDeletion | null => {
  if (previous.deletedAt !== null || previous.externalUpdatedAt.getTime() > deletedAt.getTime()) return null;
  const movesForward = deletedAt.getTime() > previous.externalUpdatedAt.getTime();
  return {
    task: { ...previous, deletedAt, externalUpdatedAt: movesForward ? deletedAt : previous.externalUpdatedAt, updatedAt: now },
    changedFields: movesForward ? ['deletedAt', 'externalUpdatedAt'] : ['deletedAt'],
    previous,
  };
};
