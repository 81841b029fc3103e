import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SyncState } from '../../domain/connection.js';
import { toJsonObject } from '../../domain/json.js';
import type { OutboxEvent } from '../../domain/outbox-event.js';
import { SYSTEM_SCHEDULER, SYSTEM_TASKPORT, type RequestOrigin, type Requester } from '../../domain/requester.js';
import type { SyncRun, SyncTrigger } from '../../domain/sync-run.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from '../audit/audited.js';

export interface RunRecordDeps extends RecordingDeps {
  readonly unitOfWork: UnitOfWork;
}

/** Who a run is audited as when its caller names nobody: the scheduler for a scheduled run. */
export const runOrigin = (trigger: SyncTrigger, origin: RequestOrigin | undefined): RequestOrigin =>
  origin ?? { actor: trigger === 'schedule' ? SYSTEM_SCHEDULER : SYSTEM_TASKPORT, requestId: null };

const requesterOf = (run: SyncRun, origin: RequestOrigin): Requester => ({ ...origin, organizationId: run.organizationId });

/** The run, recorded as running, with its `sync_run.started` entry. */
export const recordRunStarted = (deps: RunRecordDeps, run: SyncRun, origin: RequestOrigin) =>
  audited(
    deps.unitOfWork,
    (ports) => ports.syncRuns.insert(run),
    () => [auditEntryOf(deps, requesterOf(run, origin))('sync_run.started', run.id, { connectionId: run.connectionId, trigger: run.trigger, mode: run.mode })],
  );

const finishedEvent = (deps: RecordingDeps, run: SyncRun): OutboxEvent => ({
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
});

/**
 * The finished run and how far the connection got, in one transaction with `sync_run.finished`
 * (its counts and status) and `connection.sync_succeeded` or `connection.sync_failed`.
 */
export const recordRunFinished = (deps: RunRecordDeps, run: SyncRun, state: SyncState, origin: RequestOrigin) =>
  audited(
    deps.unitOfWork,
    (ports) =>
      pipe(
        ports.syncRuns.finish(run),
        TE.chainW(() => ports.connections.recordSyncState(run.organizationId, run.connectionId, state)),
        TE.chainW(() => ports.outbox.append([finishedEvent(deps, run)])),
      ),
    () => [
      auditEntryOf(deps, requesterOf(run, origin))('sync_run.finished', run.id, {
        connectionId: run.connectionId,
        status: run.status,
        counts: toJsonObject(run.counts),
        error: run.error,
      }),
    ],
  );
