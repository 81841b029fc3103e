import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SyncState } from '../../domain/connection.js';
import { toJsonObject } from '../../domain/json.js';
import type { OutboxEvent } from '../../domain/outbox-event.js';
import { SYSTEM_SCHEDULER, SYSTEM_TASKPORT, type Requester } from '../../domain/requester.js';
import type { SyncRun, SyncTrigger } from '../../domain/sync-run.js';
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

const finishedEvent = (deps: RecordingDeps, run: SyncRun): ReadonlyArray<OutboxEvent> =>
  run.status !== 'succeeded' && run.status !== 'failed'
    ? []
    : [
        {
          id: deps.eventIds.next(),
          organizationId: run.organizationId,
          type: run.status === 'succeeded' ? 'connection.sync_succeeded' : 'connection.sync_failed',
          occurredAt: run.finishedAt ?? deps.clock.now(),
          cause: 'sync',
          taskId: null,
          connectionId: run.connectionId,
          data: toJsonObject({
            runId: run.id,
            trigger: run.trigger,
            mode: run.mode,
            status: run.status,
            ...(run.status === 'succeeded' ? { counts: run.counts } : { error: run.error }),
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
          }),
        },
      ];

/** The connection shows how its last run ended; a connection deleted meanwhile has nothing to show it on. */
const recordOnConnection = (ports: TransactionalPorts, run: SyncRun, stateAfter: (previous: SyncState) => SyncState) =>
  pipe(
    ports.connections.findById(run.organizationId, run.connectionId),
    TE.chainW((connection) =>
      connection === null
        ? TE.right(undefined)
        : pipe(
            ports.connections.recordSyncState(run.organizationId, run.connectionId, stateAfter(connection.syncState)),
            TE.orElseW((e) => (e._tag === 'ConnectionNotFound' ? TE.right(undefined) : TE.left(e))),
          ),
    ),
  );

/**
 * Closes a run (or puts it back in the queue) in one transaction with what its end means: the
 * connection's sync state (`stateAfter`, when given), `connection.sync_succeeded` or
 * `connection.sync_failed`, and a `sync_run.finished` entry in the name of who asked. A run someone
 * else closed first (`finish` answers null) is left as it is, with nothing recorded.
 */
export const recordRunClosed = (
  deps: RunRecordDeps,
  closed: SyncRun,
  stateAfter: ((previous: SyncState) => SyncState) | null,
): TE.TaskEither<PersistenceFailure, SyncRun | null> =>
  audited(
    deps.unitOfWork,
    (ports) =>
      pipe(
        ports.syncRuns.finish(closed),
        TE.chainFirstW((saved) => (saved === null || stateAfter === null ? TE.right(undefined) : recordOnConnection(ports, closed, stateAfter))),
        TE.chainFirstW((saved) => (saved === null ? TE.right(undefined) : ports.outbox.append(finishedEvent(deps, closed)))),
      ),
    (saved) =>
      saved === null || closed.finishedAt === null
        ? []
        : [
            auditEntryOf(deps, requesterOf(closed))('sync_run.finished', closed.id, {
              connectionId: closed.connectionId,
              status: closed.status,
              counts: toJsonObject(closed.counts),
              error: closed.error,
            }),
          ],
  );
