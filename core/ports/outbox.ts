import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OutboxEntry } from '../domain/task-change-event.js';
import type { PersistenceFailure } from '../errors.js';

/**
 * The transactional outbox: written inside a unit of work, so an event commits exactly when the
 * change it describes does. Nothing reads it before the commit; `EventFeed.publishPending` takes it
 * from there.
 */
export interface Outbox {
  /**
   * Appends the events in order (`outboxEventOf` of each entry). A task change's data shows its task
   * as the transaction stored it: a store may build that view from the row it wrote with that very
   * task, but must be given it (or build it from `task`) whenever the row may hold anything else, such
   * as a later version of the same task.
   */
  readonly append: (events: ReadonlyArray<OutboxEntry>) => TE.TaskEither<PersistenceFailure, void>;
}
