import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SyncReport } from '../domain/sync-run.js';
import type { DomainError } from '../errors.js';
import { requestSync, type RequestSyncDeps, type SyncNowCommand } from './request-sync.js';
import { reportOf } from './sync/run-outcome.js';

export type SyncNowDeps = RequestSyncDeps;
export type { SyncNowCommand } from './request-sync.js';

/**
 * One sync of one connection, answered when it is done: queued as a job like every sync (so it
 * shares the rule of one open run per connection with the schedule, across processes), run by
 * whichever worker takes it, and answered with its report or the error it ended with. A second
 * sync of a connection while one is queued or running is refused with `SyncInProgress`.
 */
export const syncNow =
  (deps: SyncNowDeps) =>
  (command: SyncNowCommand): TE.TaskEither<DomainError, SyncReport> =>
    pipe(
      requestSync(deps)(command),
      TE.chainW((run) => deps.syncQueue.settled({ organizationId: run.organizationId, connectionId: run.connectionId, runId: run.id })),
      TE.bindTo('run'),
      // A connection deleted during its run has no cursor left to show; the run's own outcome still answers.
      TE.bindW('connection', ({ run }) => deps.connections.findById(run.organizationId, run.connectionId)),
      TE.chainEitherKW(({ run, connection }) => reportOf(run, connection?.syncState.cursor ?? null)),
    );
