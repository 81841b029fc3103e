import { TransactionPropagation, type ObjectQuery } from '@mikro-orm/postgresql';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { cursorOf, type ExternalTask, type Page, type PageRequest, type TaskRepository } from '../../core/index.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';
import { toExternalTask, toExternalTasks } from './schema/external-task.mapper.js';
import { TaskSchema, type TaskRecord } from './schema/external-task.schema.js';
import { markTaskRowDeleted } from './task-deletion.js';
import { taskListConditions } from './task-list-query.js';
import { upsertTasks, type UpsertDeps } from './task-upsert.js';

const toPage = (records: ReadonlyArray<TaskRecord>, limit: number) =>
  pipe(
    toExternalTasks(records.slice(0, limit)),
    E.map((items): Page<ExternalTask> => {
      const last = items[items.length - 1];
      return { items, next: records.length > limit && last !== undefined ? cursorOf(last) : null };
    }),
  );

const orNull = (record: TaskRecord | null) => (record === null ? E.right(null) : toExternalTask(record));

/** A page of the list: one keyset range scan, fetching one row more to know whether a next page exists. */
const listPage = (em: EntityManagerSource, conditions: ObjectQuery<TaskRecord>, page: PageRequest) => {
  const qb = em().createQueryBuilder(TaskSchema).select('*').where(conditions).orderBy({ externalUpdatedAt: 'desc', id: 'desc' });
  if (page.after !== null) qb.andWhere('(external_updated_at, id) < (?, ?)', [page.after.externalUpdatedAt, page.after.id]);
  return qb.limit(page.limit + 1).getResultList();
};

export const postgresTaskRepository = (em: EntityManagerSource, deps: UpsertDeps): TaskRepository => ({
  upsertMany: (organizationId, drafts) =>
    drafts.length === 0
      ? TE.right([])
      : attempt('Saving tasks', () =>
          em().transactional((tx) => upsertTasks(tx, organizationId, drafts, deps), { propagation: TransactionPropagation.REQUIRED }),
        ),
  findById: (organizationId, id) =>
    pipe(
      attempt('Reading the task', () =>
        isUuid(id) ? em().findOne(TaskSchema, { id, organizationId }, { disableIdentityMap: true }) : Promise.resolve(null),
      ),
      TE.chainEitherKW(orNull),
    ),
  findBySource: (organizationId, source) =>
    pipe(
      attempt('Reading the task', () =>
        em().findOne(
          TaskSchema,
          { organizationId, externalSystem: source.externalSystem, site: source.site, externalId: source.externalId },
          { disableIdentityMap: true },
        ),
      ),
      TE.chainEitherKW(orNull),
    ),
  markDeleted: (organizationId, source, deletedAt) =>
    attempt('Marking the task deleted', () => markTaskRowDeleted(em, deps, organizationId, source, deletedAt)),
  findByKeys: (organizationId, keys) =>
    keys.length === 0
      ? TE.right([])
      : pipe(
          attempt('Looking up tasks by key', () =>
            em().find(TaskSchema, { organizationId, key: { $in: [...new Set(keys)] } }, { disableIdentityMap: true }),
          ),
          TE.chainEitherKW(toExternalTasks),
        ),
  scopeStates: (organizationId, externalSystem, site) =>
    pipe(
      attempt('Reading the tasks of a site', () =>
        em().execute<Array<{ external_id: string; deleted: boolean; out_of_scope: boolean }>>(
          `select external_id, deleted_at is not null as deleted, out_of_scope_at is not null as out_of_scope
           from external_tasks where organization_id = ? and external_system = ? and site = ?`,
          [organizationId, externalSystem, site],
        ),
      ),
      TE.map((rows) => rows.map((row) => ({ externalId: row.external_id, deleted: row.deleted, outOfScope: row.out_of_scope }))),
    ),
  list: (organizationId, filter, page) => {
    // No task can have an id or connection that is not a UUID.
    const impossible = (filter.connectionId !== undefined && !isUuid(filter.connectionId)) || (page.after !== null && !isUuid(page.after.id));
    if (impossible) return TE.right({ items: [], next: null });
    return pipe(
      attempt('Listing tasks', () => listPage(em, taskListConditions(organizationId, filter), page)),
      TE.chainEitherKW((records) => toPage(records, page.limit)),
    );
  },
});
