import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SyncRun } from '../domain/sync-run.js';
import type { PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import { openRun, type OpenRunDeps } from './sync/open-run.js';

export interface CloseInterruptedRunsDeps extends OpenRunDeps {
  readonly connections: ConnectionRepository;
  /** A run interrupted this many times is not retried again (a job that kills its worker must not loop). */
  readonly maxRunAttempts: number;
}

const REASON = 'The worker running this sync stopped (its lease ran out); what it wrote is kept';

/** The connection shows that its last run was interrupted; a deleted connection shows nothing. */
const showOnConnection = (deps: CloseInterruptedRunsDeps, run: SyncRun) =>
  pipe(
    deps.connections.findById(run.organizationId, run.connectionId),
    TE.chainW((connection) =>
      connection === null
        ? TE.right(false)
        : pipe(
            deps.connections.recordSyncState(run.organizationId, run.connectionId, {
              ...connection.syncState,
              lastSyncAt: run.finishedAt,
              lastSyncStatus: 'interrupted',
              lastSyncError: REASON,
            }),
            TE.map(() => connection.enabled),
            TE.orElseW((e) => (e._tag === 'ConnectionNotFound' ? TE.right(false) : TE.left(e))),
          ),
    ),
  );

const retry = (deps: CloseInterruptedRunsDeps, run: SyncRun) =>
  pipe(
    openRun(deps)({ organizationId: run.organizationId, connectionId: run.connectionId, trigger: 'retry', mode: run.mode, attempt: run.attempt + 1 }),
    TE.map(() => undefined),
    TE.orElseW((e) => (e._tag === 'SyncInProgress' ? TE.right(undefined) : TE.left(e))),
  );

/**
 * Runs whose worker is gone (killed, crashed, cut off from the database) hold a lease nobody
 * renews. Each is closed as interrupted with the counts it had reported, its connection says so,
 * and the same work is queued again unless it was already tried `maxRunAttempts` times. Every
 * worker calls this at start-up and periodically; each expired run is closed by one of them only.
 */
export const closeInterruptedRuns =
  (deps: CloseInterruptedRunsDeps) =>
  (): TE.TaskEither<PersistenceFailure, ReadonlyArray<SyncRun>> =>
    pipe(
      deps.syncRuns.closeExpired(deps.clock.now(), REASON),
      TE.chainFirstW(
        TE.traverseSeqArray((run) =>
          pipe(
            showOnConnection(deps, run),
            TE.chainW((enabled) => (enabled && run.attempt < deps.maxRunAttempts ? retry(deps, run) : TE.right(undefined))),
          ),
        ),
      ),
    );
