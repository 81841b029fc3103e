import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { ExternalTaskDeleted } from '../../domain/domain-event.js';
import type { TaskDeletion } from '../../domain/task-comparison.js';
import type { PersistenceFailure } from '../../errors.js';
import { taskDeletedEvent } from '../events/task-change-events.js';
import { stampOf, type IngestDeps } from '../sync/ingest-issues.js';

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
 * connection made it): the idempotency key, the `deletedAt` mark and the `external_task.deleted`
 * outbox event are written in one transaction. A duplicate changes nothing.
 */
export const ingestDeletion =
  (deps: IngestDeps) =>
  (connection: Connection, request: DeletionRequest, now: Date): TE.TaskEither<PersistenceFailure, DeletionOutcome> =>
    pipe(
      deps.unitOfWork.transaction(({ events, tasks, outbox }) =>
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
                  TE.chainFirst((deletion) => (deletion === null ? TE.right(undefined) : outbox.append([taskDeletedEvent(stampOf(deps, 'webhook', now), deletion)]))),
                  TE.map((deletion) => ({ duplicate: false, deletion })),
                )
              : TE.right({ duplicate: true, deletion: null }),
          ),
        ),
      ),
      TE.chainFirstTaskK(({ deletion }) => (deletion === null ? T.of(undefined) : deps.domainEvents.publish([deletedEvent(deletion, now)]))),
      TE.map(({ duplicate, deletion }) => (duplicate ? 'duplicate' : deletion === null ? 'unchanged' : 'deleted')),
    );
