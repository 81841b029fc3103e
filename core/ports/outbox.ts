import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OutboxEvent } from '../domain/outbox-event.js';
import type { PersistenceFailure } from '../errors.js';

/**
 * The transactional outbox: written inside a unit of work, so an event commits exactly when the
 * change it describes does. Nothing reads it before the commit; `EventFeed.publishPending` takes it
 * from there.
 */
export interface Outbox {
  readonly append: (events: ReadonlyArray<OutboxEvent>) => TE.TaskEither<PersistenceFailure, void>;
}
