import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OrganizationId } from '../domain/ids.js';
import type { ExternalTaskEvent } from '../domain/task-event.js';
import type { PersistenceFailure } from '../errors.js';

/** Idempotency: each key is processed once, whoever sees it first. */
export interface EventLog {
  /**
   * Records the events whose keys are not yet known and answers which keys were new. A known key is
   * not an error, it is simply absent from the answer.
   */
  readonly recordNew: (
    organizationId: OrganizationId,
    events: ReadonlyArray<ExternalTaskEvent>,
  ) => TE.TaskEither<PersistenceFailure, ReadonlySet<string>>;
}
