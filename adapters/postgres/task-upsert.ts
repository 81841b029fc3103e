import type { EntityManager } from '@mikro-orm/postgresql';
import * as E from 'fp-ts/lib/Either.js';
import {
  applyDraft,
  asEntityId,
  compareTask,
  type Clock,
  type ExternalTask,
  type IdGenerator,
  type OrganizationId,
  type TaskDraft,
  type TaskUpsertResult,
  sourceKey,
  taskOf,
} from '../../core/index.js';
import { toExternalTasks } from './schema/external-task.mapper.js';
import { executeBound } from './bound-statement.js';
import { instantTexts } from './instant-texts.js';
import type { WrittenTasks } from './written-tasks.js';
import { lockStoredRows } from './task-upsert-lock.js';
import { toUpsertValues, UPSERT_TASKS } from './task-upsert-statement.js';

export interface UpsertDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Told of every task whose row a statement wrote, so its events can be built from the row. */
  readonly written: WrittenTasks;
}


/** The stored rows of the batch, locked until the transaction ends, by source. */
const lockExisting = async (tx: EntityManager, organizationId: OrganizationId, drafts: ReadonlyArray<TaskDraft>) => {
  const tasks = toExternalTasks(await lockStoredRows(tx, organizationId, drafts));
  if (E.isLeft(tasks)) throw new Error(tasks.left.message);
  return new Map(tasks.right.map((t) => [sourceKey(t), t]));
};

/** Decides each draft in order against what is stored (or written earlier in the batch), as the fake does. */
const decide = (current: Map<string, ExternalTask>, organizationId: OrganizationId, drafts: ReadonlyArray<TaskDraft>, deps: UpsertDeps) => {
  const now = deps.clock.now();
  const toWrite = new Map<string, ExternalTask>();
  const results = drafts.map((draft): TaskUpsertResult => {
    const key = sourceKey(draft);
    const previous = current.get(key);
    const { outcome, changedFields } = compareTask(previous, draft);
    if (previous !== undefined && outcome === 'unchanged') return { outcome, changedFields, task: previous, previous };
    const task: ExternalTask = previous === undefined ? taskOf(draft, organizationId, asEntityId(deps.ids.next()), now, now) : applyDraft(previous, draft, now);
    current.set(key, task);
    toWrite.set(key, task);
    return { outcome, changedFields, task, previous: previous ?? null };
  });
  return { results, toWrite };
};

/** Concurrent batches write their rows in the same order, so they cannot deadlock on each other. */
const inLockOrder = (tasks: Map<string, ExternalTask>): ReadonlyArray<ExternalTask> =>
  [...tasks.keys()].sort().map((key) => tasks.get(key)!);

/**
 * One page of drafts in three statements whatever its size: lock the stored rows, decide with
 * core's `compareTask`, then write only what was created or updated. Must run in a transaction.
 *
 * A task another transaction created between the lock and the write (a webhook and a sync writing
 * two versions of the same new item) is left alone by the statement (it updates only the rows it
 * decided on, by id), and its drafts are decided again against that row, which is committed by then
 * (an insert waits for whoever holds its key). Lost a second time, the batch fails and is not kept.
 */
export const upsertTasks = async (
  tx: EntityManager,
  organizationId: OrganizationId,
  drafts: ReadonlyArray<TaskDraft>,
  deps: UpsertDeps,
  again = false,
): Promise<ReadonlyArray<TaskUpsertResult>> => {
  const { results, toWrite } = decide(await lockExisting(tx, organizationId, drafts), organizationId, drafts, deps);
  if (toWrite.size === 0) return results;
  const ordered = inLockOrder(toWrite);
  const instant = instantTexts();
  const written = await executeBound<{ id: string }>(tx, UPSERT_TASKS, [JSON.stringify(ordered.map((task) => toUpsertValues(task, instant)))]);
  const landed = new Set(written.map((row) => row.id));
  deps.written.wrote(ordered.filter((task) => landed.has(task.id)));
  const lost = new Set(ordered.filter((task) => !landed.has(task.id)).map(sourceKey));
  if (lost.size === 0) return results;
  if (again) throw new Error('another transaction wrote the same tasks at the same time, twice; the batch was not kept');
  const decidedAgain = await upsertTasks(tx, organizationId, drafts.filter((draft) => lost.has(sourceKey(draft))), deps, true);
  let next = 0;
  return drafts.map((draft, i) => (lost.has(sourceKey(draft)) ? decidedAgain[next++]! : results[i]!));
};
