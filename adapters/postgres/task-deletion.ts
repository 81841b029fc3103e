import { LockMode, TransactionPropagation } from '@mikro-orm/postgresql';
import * as E from 'fp-ts/lib/Either.js';
import { markTaskDeleted, type Clock, type OrganizationId, type TaskDeletion, type TaskSource } from '../../core/index.js';
import type { EntityManagerSource } from './database-call.js';
import type { WrittenTasks } from './written-tasks.js';
import { toExternalTask } from './schema/external-task.mapper.js';
import { TaskSchema } from './schema/external-task.schema.js';

/**
 * Marks one task deleted: the row is locked, core's `markTaskDeleted` decides, and only the fields
 * it changes are written. Joins the caller's transaction when there is one.
 */
export const markTaskRowDeleted = (
  em: EntityManagerSource,
  { clock, written }: { readonly clock: Clock; readonly written: WrittenTasks },
  organizationId: OrganizationId,
  source: TaskSource,
  deletedAt: Date,
): Promise<TaskDeletion | null> =>
  em().transactional(
    async (tx) => {
      const record = await tx.findOne(
        TaskSchema,
        { organizationId, externalSystem: source.externalSystem, site: source.site, externalId: source.externalId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, disableIdentityMap: true },
      );
      if (record === null) return null;
      const task = toExternalTask(record);
      if (E.isLeft(task)) throw new Error(task.left.message);
      const deletion = markTaskDeleted(task.right, deletedAt, clock.now());
      if (deletion === null) return null;
      const { deletedAt: marked, externalUpdatedAt, updatedAt } = deletion.task;
      await tx.nativeUpdate(TaskSchema, { id: record.id, organizationId }, { deletedAt: marked, externalUpdatedAt, updatedAt });
      written.changed(record.id);
      return deletion;
    },
    { propagation: TransactionPropagation.REQUIRED },
  );
