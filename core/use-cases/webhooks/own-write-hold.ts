import type * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { ExternalTask } from '../../domain/external-task.js';
import type { WebhookEvent } from '../../domain/webhook.js';
import type { Write } from '../../domain/write.js';
import type { PersistenceFailure } from '../../errors.js';
import type { TaskRepository } from '../../ports/task-repository.js';
import type { WriteRepository } from '../../ports/write-repository.js';

export interface OwnWriteHoldDeps {
  readonly writes: WriteRepository;
  readonly tasks: TaskRepository;
}

/**
 * A delivery about an item taskport is writing waits `recheckMs` at a time while the write is out at
 * the tracker. A write started more than `longestMs` ago no longer holds anything: its worker is
 * likely gone (a write's requests time out long before), and the news must not wait on it for ever.
 */
export const OWN_WRITE_HOLD = { recheckMs: 1_000, longestMs: 120_000 } as const;

/** The tracker's id of the item a delivery is about; null when it is about none. */
export const itemOf = (event: WebhookEvent): string | null => {
  switch (event.kind) {
    case 'upsert':
      return event.issue.externalId;
    case 'refetch':
    case 'delete':
      return event.externalId;
    case 'ignored':
      return null;
  }
};

/**
 * Whether these running writes are writing this item: an update of its task, or, for an item not
 * stored yet, a create (whose item the tracker may report before answering it).
 */
export const isWrittenBy = (running: ReadonlyArray<Write>, task: ExternalTask | null): boolean =>
  task === null ? running.some((write) => write.request.kind === 'create') : running.some((write) => write.request.kind === 'update' && write.request.taskId === task.id);

/** Whether a delivery must wait for a write of its item; answers at once for a delivery about none. */
export type OwnWriteCheck = (connection: Connection, event: WebhookEvent) => TE.TaskEither<PersistenceFailure, boolean>;

/**
 * Why deliveries wait: a tracker reports taskport's own change (its echo) as soon as it makes it,
 * often before the write's answer is back and settled. Applied then, the echo would look like news
 * from someone else (an `external_task.updated` the product would act on). Held until the write
 * settles, it finds the written version already stored and changes nothing.
 *
 * The running writes are read once per connection for the pass (most have none, and then no task is
 * looked up); the task only when one is running.
 */
export const ownWriteCheck = (deps: OwnWriteHoldDeps, now: Date): OwnWriteCheck => {
  const since = new Date(now.getTime() - OWN_WRITE_HOLD.longestMs);
  const running = new Map<string, Promise<E.Either<PersistenceFailure, ReadonlyArray<Write>>>>();
  const runningOf = (connection: Connection): TE.TaskEither<PersistenceFailure, ReadonlyArray<Write>> => () => {
    const key = `${connection.organizationId}\u0000${connection.id}`;
    const known = running.get(key) ?? deps.writes.runningFor(connection.organizationId, connection.id, since)();
    running.set(key, known);
    return known;
  };
  return (connection, event) => {
    const externalId = itemOf(event);
    if (externalId === null) return TE.right(false);
    return pipe(
      runningOf(connection),
      TE.chain((writes) =>
        writes.length === 0
          ? TE.right(false)
          : pipe(
              deps.tasks.findBySource(connection.organizationId, { externalSystem: connection.provider, site: connection.site, externalId }),
              TE.map((task) => isWrittenBy(writes, task)),
            ),
      ),
    );
  };
};
