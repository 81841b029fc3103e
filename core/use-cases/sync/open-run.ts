import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { asEntityId, type ConnectionId, type OrganizationId } from '../../domain/ids.js';
import { queuedRun, type SyncMode, type SyncRun, type SyncTrigger } from '../../domain/sync-run.js';
import { describeError, type PersistenceFailure, type SyncInProgress } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { SyncQueue } from '../../ports/sync-queue.js';
import type { SyncRunRepository } from '../../ports/sync-run-repository.js';
import type { RequestOrigin } from '../../domain/requester.js';
import { recordRunClosed, recordRunOpened, type RunRecordDeps } from './run-records.js';

export interface OpenRunDeps extends RunRecordDeps {
  readonly syncRuns: SyncRunRepository;
  readonly syncQueue: SyncQueue;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

export interface RunRequest {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly trigger: SyncTrigger;
  readonly mode: SyncMode;
  readonly attempt?: number;
  /** Who asked (audited with the run); taskport's own actor when absent. */
  readonly origin?: RequestOrigin;
}

/**
 * Records a queued run (refused with `SyncInProgress` while the connection has an open one) and
 * queues its job. A job that cannot be queued closes its run as failed, so it blocks nothing.
 */
export const openRun =
  (deps: OpenRunDeps) =>
  (request: RunRequest): TE.TaskEither<SyncInProgress | PersistenceFailure, SyncRun> => {
    const { origin, ...fields } = request;
    const run = queuedRun({ id: asEntityId(deps.ids.next()), ...fields, requestedBy: origin ?? null }, deps.clock.now());
    return pipe(
      recordRunOpened(deps, run),
      TE.chainW((opened) =>
        pipe(
          deps.syncQueue.enqueue({ organizationId: opened.organizationId, connectionId: opened.connectionId, runId: opened.id }),
          TE.map(() => opened),
          TE.orElseW((failure) =>
            pipe(
              recordRunClosed(deps, { ...opened, status: 'failed', error: describeError(failure), failure: { code: failure._tag, message: failure.message }, finishedAt: deps.clock.now() }, null),
              TE.chainW(() => TE.left(failure)),
            ),
          ),
        ),
      ),
    );
  };
