import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { ExternalTaskDeleted } from '../../domain/domain-event.js';
import type { TaskDeletion } from '../../domain/task-comparison.js';
import type { PersistenceFailure } from '../../errors.js';
import type { IngestDeps } from '../sync/ingest-issues.js';

export interface DeletionRequest {
  readonly idempotencyKey: string;
  readonly externalId: string;
  readonly deletedAt: Date;
}

/** `duplicate`: the key was seen before; otherwise whether a task was marked. */
export type DeletionOutcome = 'deleted' | 'unchanged' | 'duplicate';

const deletedEvent = (deletion: TaskDeletion, now: Date): ExternalTaskDeleted => ({
  type: 'external_task.deleted',
  organizationId: deletion.task.organizationId,
  change: 'deleted',
  task: deletion.task,
  changedFields: deletion.changedFields,
  occurredAt: now,
});

/**
 * How a deletion in the tracker reaches its task (the one of this tracker instance, whichever
 * connection made it): the idempotency key and the `deletedAt` mark are written in one transaction,
 * then `external_task.deleted` is published. A duplicate changes nothing.
 */
export const ingestDeletion =
  (deps: IngestDeps) =>
  (connection: Connection, request: DeletionRequest, now: Date): TE.TaskEither<PersistenceFailure, DeletionOutcome> =>
    pipe(
      deps.unitOfWork.transaction(({ events, tasks }) =>
        pipe(
          events.recordNew(connection.organizationId, [
            {
              idempotencyKey: request.idempotencyKey,
              organizationId: connection.organizationId,
              connectionId: connection.id,
              externalId: request.externalId,
              kind: 'webhook',
              processedAt: now,
            },
          ]),
          TE.chain((fresh) =>
            fresh.has(request.idempotencyKey)
              ? pipe(
                  tasks.markDeleted(connection.organizationId, { externalSystem: connection.provider, site: connection.site, externalId: request.externalId }, request.deletedAt),
                  TE.map((deletion) => ({ duplicate: false, deletion })),
                )
              : TE.right({ duplicate: true, deletion: null }),
          ),
        ),
      ),
      TE.chainFirstTaskK(({ deletion }) => (deletion === null ? T.of(undefined) : deps.domainEvents.publish([deletedEvent(deletion, now)]))),
      TE.map(({ duplicate, deletion }) => (duplicate ? 'duplicate' : deletion === null ? 'unchanged' : 'deleted')),
    );
