import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import { toJsonObject } from '../../domain/json.js';
import type { OutboxEvent } from '../../domain/outbox-event.js';
import { systemRequester } from '../../domain/requester.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import { pollIdempotencyKey } from '../../domain/task-event.js';
import type { WritableField, Write, WriteFailure, WriteOutcome } from '../../domain/write.js';
import { syncStopped, type PersistenceFailure, type SyncStopped } from '../../errors.js';
import type { TransactionalPorts, UnitOfWork } from '../../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from '../audit/audited.js';
import { assigneeIdentities, assigneeResolver } from '../sync/assignee-index.js';
import { toTaskDraft } from '../sync/to-task-draft.js';

export interface SettleWriteDeps extends RecordingDeps {
  readonly unitOfWork: UnitOfWork;
}

const writeEvent = (deps: RecordingDeps, write: Write, type: 'write.succeeded' | 'write.failed', taskId: string | null, data: object): OutboxEvent => ({
  id: deps.eventIds.next(),
  organizationId: write.organizationId,
  type,
  occurredAt: deps.clock.now(),
  cause: 'write',
  taskId: taskId as OutboxEvent['taskId'],
  connectionId: write.connectionId,
  data: toJsonObject({ writeId: write.id, kind: write.request.kind, ...data }),
});

/** The written version is marked as seen, so the next sync of it writes nothing: it is our own echo. */
const applyIssue = (ports: TransactionalPorts, connection: Connection, issue: SourceIssue, now: Date) =>
  pipe(
    ports.connectionLock.hold(connection.organizationId, connection.id),
    TE.chainW((exists): TE.TaskEither<PersistenceFailure | SyncStopped, void> => (exists ? TE.right(undefined) : TE.left(syncStopped(connection.id, 'connection-deleted')))),
    TE.chainW(() =>
      ports.events.recordNew(connection.organizationId, [
        { idempotencyKey: pollIdempotencyKey(connection, issue.externalId, issue.version), organizationId: connection.organizationId, connectionId: connection.id, externalId: issue.externalId, kind: 'poll', processedAt: now },
      ]),
    ),
    TE.chainW(() => ports.userMappings.findByIdentities(connection.organizationId, connection.provider, assigneeIdentities([issue]))),
    TE.chainW((mappings) => ports.tasks.upsertMany(connection.organizationId, [toTaskDraft(connection, issue, assigneeResolver(mappings)(issue), now)])),
  );

/**
 * A write that succeeded: the item as the tracker now has it is stored at once (the product reads
 * its own write), with `write.succeeded` and the audit entry in the same transaction. No
 * `external_task.*` event: the change is the product's own, not news from the tracker.
 */
export const settleSucceeded = (deps: SettleWriteDeps, connection: Connection, write: Write, issue: SourceIssue, overwritten: ReadonlyArray<WritableField>) => {
  const now = deps.clock.now();
  const entry = auditEntryOf(deps, systemRequester(write.organizationId, write.requestedBy));
  return audited(
    deps.unitOfWork,
    (ports) =>
      pipe(
        applyIssue(ports, connection, issue, now),
        TE.chainW((results) => {
          const task = results[0]!.task;
          const result = { externalId: issue.externalId, key: issue.key, version: issue.version, taskId: task.id, overwritten };
          const outcome: WriteOutcome = { status: 'succeeded', result };
          return pipe(
            ports.writes.finish(write.organizationId, write.id, outcome, now),
            TE.chainFirstW((finished) => (finished === null ? TE.right(undefined) : ports.outbox.append([writeEvent(deps, write, 'write.succeeded', task.id, { result })]))),
          );
        }),
      ),
    (finished) => (finished === null ? [] : [entry('write.succeeded', write.id, toJsonObject({ taskId: finished.result?.taskId, key: finished.result?.key, version: finished.result?.version, overwritten }))]),
  );
};

/** A write that failed for good: its code, `write.failed` and the audit entry, together. */
export const settleFailed = (deps: SettleWriteDeps, write: Write, failure: WriteFailure) => {
  const now = deps.clock.now();
  const entry = auditEntryOf(deps, systemRequester(write.organizationId, write.requestedBy));
  const taskId = write.request.kind === 'update' ? write.request.taskId : null;
  return audited(
    deps.unitOfWork,
    (ports) =>
      pipe(
        ports.writes.finish(write.organizationId, write.id, { status: 'failed', failure }, now),
        TE.chainFirstW((finished) =>
          finished === null ? TE.right(undefined) : ports.outbox.append([writeEvent(deps, write, 'write.failed', taskId, { error: { code: failure.code, message: failure.message, conflicts: failure.conflicts } })]),
        ),
      ),
    (finished) => (finished === null ? [] : [entry('write.failed', write.id, { code: failure.code })]),
  );
};
