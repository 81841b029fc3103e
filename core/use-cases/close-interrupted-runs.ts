import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SyncRun } from '../domain/sync-run.js';
import type { PersistenceFailure } from '../errors.js';
import type { TransactionalPorts } from '../ports/unit-of-work.js';
import { audited } from './audit/audited.js';
import { openRun, type OpenRunDeps } from './sync/open-run.js';
import { recordOnConnection, recordRunClosed, runEndedEvent, runFinishedEntry } from './sync/run-records.js';

export interface CloseInterruptedRunsDeps extends OpenRunDeps {
  /** A run interrupted this many times is not retried again (a job that kills its worker must not loop). */
  readonly maxRunAttempts: number;
}

/** How long a queued run may wait before the reaper asks the queue whether its job still exists. */
const STALE_QUEUED_MS = 10 * 60_000;
const LOST = 'The job of this run was lost before a worker took it (a process stopped while queueing it); the next sync is not blocked';

/**
 * A queued run whose job is gone (its process died between recording the run and queueing the job,
 * or the database failed every attempt) would block its connection for good: it is closed as failed.
 */
const closeLostRuns = (deps: CloseInterruptedRunsDeps) =>
  pipe(
    deps.syncRuns.findQueuedBefore(new Date(deps.clock.now().getTime() - STALE_QUEUED_MS), 100),
    TE.chainW(
      TE.traverseSeqArray((run) =>
        pipe(
          deps.syncQueue.isPending({ organizationId: run.organizationId, connectionId: run.connectionId, runId: run.id }),
          TE.chainW((pending) =>
            pending ? TE.right(undefined) : pipe(recordRunClosed(deps, { ...run, status: 'failed', error: LOST, failure: { code: 'PersistenceFailure', message: LOST }, finishedAt: deps.clock.now() }, null), TE.map(() => undefined)),
          ),
        ),
      ),
    ),
  );

const REASON = 'The worker running this sync stopped (its lease ran out); what it wrote is kept';

/** The connection shows that its last run was interrupted; answers whether it may run again (a deleted connection may not). */
const showOnConnection = (ports: TransactionalPorts, run: SyncRun) =>
  pipe(
    recordOnConnection(ports, run, (previous) => ({ ...previous, lastSyncAt: run.finishedAt, lastSyncStatus: 'interrupted', lastSyncError: REASON })),
    TE.map((connection) => connection?.enabled === true),
  );

interface Interrupted {
  readonly run: SyncRun;
  readonly retried: boolean;
}

/**
 * In one transaction: the expired runs closed, each connection told, and for each run its
 * `connection.sync_interrupted` event and `sync_run.finished` entry, so a reaper that dies halfway
 * leaves the runs open for the next one rather than closed with nobody told.
 */
const closeExpiredRuns = (deps: CloseInterruptedRunsDeps) =>
  audited(
    deps.unitOfWork,
    (ports) =>
      pipe(
        ports.syncRuns.closeExpired(deps.clock.now(), REASON),
        TE.chainW(
          TE.traverseSeqArray((run) =>
            pipe(
              showOnConnection(ports, run),
              TE.map((enabled): Interrupted => ({ run, retried: enabled && run.attempt < deps.maxRunAttempts })),
              TE.chainFirstW(({ retried }) => ports.outbox.append(runEndedEvent(deps, run, { retried }))),
            ),
          ),
        ),
      ),
    (interrupted) => interrupted.map(({ run }) => runFinishedEntry(deps, run)),
  );

const retry = (deps: CloseInterruptedRunsDeps, run: SyncRun) =>
  pipe(
    openRun(deps)({ organizationId: run.organizationId, connectionId: run.connectionId, trigger: 'retry', mode: run.mode, attempt: run.attempt + 1, ...(run.requestedBy === null ? {} : { origin: run.requestedBy }) }),
    TE.map(() => undefined),
    TE.orElseW((e) => (e._tag === 'SyncInProgress' ? TE.right(undefined) : TE.left(e))),
  );

/**
 * Runs whose worker is gone (killed, crashed, cut off from the database) hold a lease nobody
 * renews. Each is closed as interrupted with the counts it had reported, its connection says so,
 * the product hears of it (`connection.sync_interrupted`, with whether it runs again), and the same
 * work is queued again unless it was already tried `maxRunAttempts` times. A queued run whose job
 * the queue no longer has is closed as failed. Every worker calls this at start-up and periodically;
 * each expired run is closed by one of them only.
 */
export const closeInterruptedRuns =
  (deps: CloseInterruptedRunsDeps) =>
  (): TE.TaskEither<PersistenceFailure, ReadonlyArray<SyncRun>> =>
    pipe(
      closeLostRuns(deps),
      TE.chainW(() => closeExpiredRuns(deps)),
      TE.chainFirstW(TE.traverseSeqArray(({ run, retried }) => (retried ? retry(deps, run) : TE.right(undefined)))),
      TE.map((interrupted) => interrupted.map(({ run }) => run)),
    );
