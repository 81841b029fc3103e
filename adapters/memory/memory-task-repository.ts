import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  applyDraft,
  asEntityId,
  compareForList,
  compareTask,
  cursorOf,
  markTaskDeleted,
  isAfterCursor,
  type Clock,
  type ExternalTask,
  type IdGenerator,
  type TaskFilter,
  type TaskRepository,
  type TaskSource,
  type TaskUpsertResult,
} from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

/** One task per organization and source, as the database's unique index says. */
export const naturalKey = (organizationId: string, source: TaskSource): string =>
  `${organizationId}\u0000${source.externalSystem}\u0000${source.site}\u0000${source.externalId}`;

const matches = (filter: TaskFilter) => (task: ExternalTask): boolean =>
  (filter.includeDeleted === true || task.deletedAt === null) &&
  (filter.connectionId === undefined || task.connectionId === filter.connectionId) &&
  (filter.externalSystem === undefined || task.externalSystem === filter.externalSystem) &&
  (filter.site === undefined || task.site === filter.site) &&
  (filter.status === undefined || task.status === filter.status) &&
  (filter.assigneeEmail === undefined || task.assigneeEmail === filter.assigneeEmail.toLowerCase()) &&
  (filter.assigneeExternalId === undefined || task.assigneeExternalId === filter.assigneeExternalId) &&
  (filter.resourceId === undefined || task.resourceId === filter.resourceId) &&
  (filter.projectKey === undefined || task.projectKey === filter.projectKey) &&
  (filter.board === undefined || task.board === filter.board) &&
  (filter.company === undefined || task.company === filter.company) &&
  (filter.updatedSince === undefined || task.externalUpdatedAt.getTime() >= filter.updatedSince.getTime());

export const memoryTaskRepository = (state: MemoryState, deps: { clock: Clock; ids: IdGenerator }): TaskRepository => ({
  upsertMany: (organizationId, drafts) => {
    const now = deps.clock.now();
    const results: TaskUpsertResult[] = drafts.map((draft) => {
      const key = naturalKey(organizationId, draft);
      const previous = state.tasks.get(key);
      const { outcome, changedFields } = compareTask(previous, draft);
      if (outcome === 'unchanged') return { outcome, changedFields, task: previous!, previous: previous! };
      const task: ExternalTask =
        previous === undefined
          ? { ...draft, organizationId, id: asEntityId(deps.ids.next()), createdAt: now, updatedAt: now }
          : applyDraft(previous, draft, now);
      state.tasks.set(key, task);
      return { outcome, changedFields, task, previous: previous ?? null };
    });
    return TE.right(results);
  },
  findById: (organizationId, id) =>
    TE.right([...state.tasks.values()].find((t) => t.id === id && t.organizationId === organizationId) ?? null),
  findBySource: (organizationId, source) => TE.right(state.tasks.get(naturalKey(organizationId, source)) ?? null),
  markDeleted: (organizationId, source, deletedAt) => {
    const key = naturalKey(organizationId, source);
    const previous = state.tasks.get(key);
    const deletion = previous === undefined ? null : markTaskDeleted(previous, deletedAt, deps.clock.now());
    if (deletion !== null) state.tasks.set(key, deletion.task);
    return TE.right(deletion);
  },
  findByKeys: (organizationId, keys) => {
    const wanted = new Set(keys);
    return TE.right([...state.tasks.values()].filter((t) => t.organizationId === organizationId && wanted.has(t.key)));
  },
  scopeStates: (organizationId, externalSystem, site) =>
    TE.right(
      [...state.tasks.values()]
        .filter((t) => t.organizationId === organizationId && t.externalSystem === externalSystem && t.site === site)
        .map((t) => ({ externalId: t.externalId, deleted: t.deletedAt !== null, outOfScope: t.outOfScopeAt !== null })),
    ),
  list: (organizationId, filter, page) => {
    const all = [...state.tasks.values()]
      .filter((t) => t.organizationId === organizationId)
      .filter(matches(filter))
      .filter((t) => page.after === null || isAfterCursor(t, page.after))
      .sort(compareForList);
    const items = all.slice(0, page.limit);
    const last = items[items.length - 1];
    return TE.right({ items, next: all.length > page.limit && last !== undefined ? cursorOf(last) : null });
  },
});
