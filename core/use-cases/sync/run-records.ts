import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection, SyncState } from '../../domain/connection.js';
import { toJsonObject, type JsonObject } from '../../domain/json.js';
import type { EventType, OutboxEvent } from '../../domain/outbox-event.js';
import { SYSTEM_SCHEDULER, SYSTEM_TASKPORT, type Requester } from '../../domain/requester.js';
import type { FinishedRunStatus, SyncRun, SyncTrigger } from '../../domain/sync-run.js';
import type { PersistenceFailure, SyncInProgress } from '../../errors.js';
import type { TransactionalPorts, UnitOfWork } from '../../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from '../audit/audited.js';

export interface RunRecordDeps extends RecordingDeps {
  readonly unitOfWork: UnitOfWork;
}

/** Taskport's own actor for a run: the scheduler for a scheduled run, else taskport (a retry, a worker). */
const systemActor = (trigger: SyncTrigger): string => (trigger === 'schedule' ? SYSTEM_SCHEDULER : SYSTEM_TASKPORT);

/** Who a run is audited as: whoever asked for it, else taskport's own actor for its trigger. */
const requesterOf = (run: SyncRun): Requester => ({ ...(run.requestedBy ?? { actor: systemActor(run.trigger), requestId: null }), organizationId: run.organizationId });

/**
 * The queued run, recorded with its `sync_run.started` entry naming who asked for it; refused with
 * `SyncInProgress`, and nothing audited, while the connection has an open run.
 */
export const recordRunOpened = (deps: RunRecordDeps, run: SyncRun): TE.TaskEither<SyncInProgress | PersistenceFailure, SyncRun> =>
  audited(
    deps.unitOfWork,
    (ports) => ports.syncRuns.open(run),
    (opened) => [auditEntryOf(deps, requesterOf(opened))('sync_run.started', opened.id, { connectionId: opened.connectionId, trigger: opened.trigger, mode: opened.mode })],
  );

/** The event each way a run can end is told by; a run put back in the queue has not ended. */
const EVENT_OF_ENDING: Readonly<Record<FinishedRunStatus, EventType>> = {
  succeeded: 'connection.sync_succeeded',
  failed: 'connection.sync_failed',
  cancelled: 'connection.sync_cancelled',
  interrupted: 'connection.sync_interrupted',
};

/**
 * The product hears of every run that ended, however it ended: with its counts (what a cancelled or
 * interrupted run wrote is kept, so they count too), and why when it did not succeed. `retried` says
 * whether an interrupted run was queued again.
 */
export const runEndedEvent = (deps: RecordingDeps, run: SyncRun, eventData: JsonObject = {}): ReadonlyArray<OutboxEvent> =>
  run.status === 'queued' || run.status === 'running'
    ? []
    : [
        {
          id: deps.eventIds.next(),
          organizationId: run.organizationId,
          type: EVENT_OF_ENDING[run.status],
          occurredAt: run.finishedAt ?? deps.clock.now(),
          cause: 'sync',
          taskId: null,
          connectionId: run.connectionId,
          data: toJsonObject({
            runId: run.id,
            trigger: run.trigger,
            mode: run.mode,
            status: run.status,
            ...(run.status === 'failed' ? { error: run.error } : { counts: run.counts, ...(run.status === 'succeeded' ? {} : { error: run.error }) }),
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            ...eventData,
          }),
        },
      ];

/** The audit entry of a run that ended, in the name of whoever asked for it. */
export const runFinishedEntry = (deps: RecordingDeps, run: SyncRun) =>
  auditEntryOf(deps, requesterOf(run))('sync_run.finished', run.id, {
    connectionId: run.connectionId,
    status: run.status,
    counts: toJsonObject(run.counts),
    error: run.error,
  });

/**
 * The connection shows how its last run ended; answers the connection as it was found, or null when
 * it was deleted meanwhile (nothing to show it on).
 */
export const recordOnConnection = (ports: TransactionalPorts, run: SyncRun, stateAfter: (previous: SyncState) => SyncState): TE.TaskEither<PersistenceFailure, Connection | null> =>
  pipe(
    ports.connections.findById(run.organizationId, run.connectionId),
    TE.chainW((connection) =>
      connection === null
        ? TE.right(null)
        : pipe(
            ports.connections.recordSyncState(run.organizationId, run.connectionId, stateAfter(connection.syncState)),
            TE.map(() => connection),
            TE.orElseW((e) => (e._tag === 'ConnectionNotFound' ? TE.right(null) : TE.left(e))),
          ),
    ),
  );

/**
 * Closes a run (or puts it back in the queue) in one transaction with what its end means: the
 * connection's sync state (`stateAfter`, when given), the event of how it ended (see `runEndedEvent`)
 * and a `sync_run.finished` entry in the name of who asked. A run someone
 * else closed first (`finish` answers null) is left as it is, with nothing recorded.
 */
export const recordRunClosed = (
  deps: RunRecordDeps,
  closed: SyncRun,
  stateAfter: ((previous: SyncState) => SyncState) | null,
  eventData: JsonObject = {},
): TE.TaskEither<PersistenceFailure, SyncRun | null> =>
  audited(
    deps.unitOfWork,
    (ports) =>
      pipe(
        ports.syncRuns.finish(closed),
        TE.chainFirstW((saved) => (saved === null || stateAfter === null ? TE.right(undefined) : recordOnConnection(ports, closed, stateAfter))),
        TE.chainFirstW((saved) => (saved === null ? TE.right(undefined) : ports.outbox.append(runEndedEvent(deps, closed, eventData)))),
      ),
    (saved) => (saved === null || closed.finishedAt === null ? [] : [runFinishedEntry(deps, closed)]),
  );
