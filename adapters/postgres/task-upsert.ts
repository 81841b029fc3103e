import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import * as E from 'fp-ts/lib/Either.js';
import {
  applyDraft,
  asEntityId,
  compareTask,
  type Clock,
  type ExternalSystem,
  type ExternalTask,
  type IdGenerator,
  type OrganizationId,
  type TaskDraft,
  type TaskUpsertResult,
} from '../../core/index.js';
import { toExternalTasks, toTaskRecord } from './schema/external-task.mapper.js';
import { TaskSchema } from './schema/external-task.schema.js';
import { toUpsertRow, UPSERT_TASKS } from './task-upsert-statement.js';

export interface UpsertDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

const naturalKey = (t: { externalSystem: string; externalId: string }) => `${t.externalSystem}\u0000${t.externalId}`;

/** The stored rows of the batch, in one query, locked until the transaction ends. */
const lockExisting = async (tx: EntityManager, organizationId: OrganizationId, drafts: ReadonlyArray<TaskDraft>) => {
  const idsBySystem = new Map<ExternalSystem, string[]>();
  drafts.forEach((d) => idsBySystem.set(d.externalSystem, [...(idsBySystem.get(d.externalSystem) ?? []), d.externalId]));
  const bySystem = [...idsBySystem].map(([externalSystem, externalIds]) => ({ externalSystem, externalId: { $in: externalIds } }));
  const records = await tx.find(
    TaskSchema,
    { organizationId, $or: bySystem },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' }, disableIdentityMap: true },
  );
  const tasks = toExternalTasks(records);
  if (E.isLeft(tasks)) throw new Error(tasks.left.message);
  return new Map(tasks.right.map((t) => [naturalKey(t), t]));
};

/** Decides each draft in order against what is stored (or written earlier in the batch), as the fake does. */
const decide = (current: Map<string, ExternalTask>, organizationId: OrganizationId, drafts: ReadonlyArray<TaskDraft>, deps: UpsertDeps) => {
  const now = deps.clock.now();
  const toWrite = new Map<string, ExternalTask>();
  const results = drafts.map((draft): TaskUpsertResult => {
    const key = naturalKey(draft);
    const previous = current.get(key);
    const { outcome, changedFields } = compareTask(previous, draft);
    if (previous !== undefined && outcome === 'unchanged') return { outcome, changedFields, task: previous };
    const task: ExternalTask =
      previous === undefined
        ? { ...draft, organizationId, id: asEntityId(deps.ids.next()), createdAt: now, updatedAt: now }
        : applyDraft(previous, draft, now);
    current.set(key, task);
    toWrite.set(key, task);
    return { outcome, changedFields, task };
  });
  return { results, toWrite: [...toWrite.values()] };
};

const inLockOrder = (a: ExternalTask, b: ExternalTask) => (naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : 0);

/**
 * One page of drafts in three statements whatever its size: lock the stored rows, decide with
 * core's `compareTask`, then write only what was created or updated. Must run in a transaction.
 */
export const upsertTasks = async (
  tx: EntityManager,
  organizationId: OrganizationId,
  drafts: ReadonlyArray<TaskDraft>,
  deps: UpsertDeps,
): Promise<ReadonlyArray<TaskUpsertResult>> => {
  const { results, toWrite } = decide(await lockExisting(tx, organizationId, drafts), organizationId, drafts, deps);
  if (toWrite.length === 0) return results;
  const rows = toWrite.sort(inLockOrder).map((task) => toUpsertRow(toTaskRecord(task)));
  const written = await tx.execute<Array<{ id: string }>>(UPSERT_TASKS, [JSON.stringify(rows)]);
  const landed = new Set(written.map((row) => row.id));
  if (landed.size !== toWrite.length || toWrite.some((task) => !landed.has(task.id))) {
    // Another transaction inserted one of these tasks between our lock and our write.
    throw new Error('another transaction wrote the same tasks at the same time; the batch was not kept');
  }
  return results;
};
