import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import { quarantineIdOf } from '../../domain/quarantine.js';
import type { DomainEvent } from '../../domain/domain-event.js';
import type { TaskUpsertResult } from '../../domain/external-task.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import { zeroCounts, type SyncCounts } from '../../domain/sync-run.js';
import type { ExternalTaskEvent, TaskEventKind } from '../../domain/task-event.js';
import { syncStopped, type PersistenceFailure, type SyncStopped } from '../../errors.js';
import type { DomainEvents } from '../../ports/domain-events.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TransactionalPorts, UnitOfWork } from '../../ports/unit-of-work.js';
import { taskChangeEvents, type EventStamp } from '../events/task-change-events.js';
import { assigneeIdentities, assigneeResolver } from './assignee-index.js';
import { toTaskDraft } from './to-task-draft.js';

export interface IngestDeps {
  readonly unitOfWork: UnitOfWork;
  readonly domainEvents: DomainEvents;
  /** Ids of the outbox events a change writes: sortable. */
  readonly eventIds: IdGenerator;
}

/** What caused a change, as the product is told: a sync or a webhook delivery. */
export const stampOf = (deps: IngestDeps, kind: TaskEventKind, now: Date): EventStamp => ({ eventIds: deps.eventIds, now, cause: kind === 'poll' ? 'sync' : 'webhook' });

/** An issue version together with the key that makes processing it idempotent. */
export interface KeyedIssue {
  readonly issue: SourceIssue;
  readonly idempotencyKey: string;
}

const firstOfEachKey = (items: ReadonlyArray<KeyedIssue>): ReadonlyArray<KeyedIssue> => {
  const seen = new Set<string>();
  return items.filter(({ idempotencyKey }) => !seen.has(idempotencyKey) && seen.add(idempotencyKey) !== undefined);
};

const countResults = (total: number, results: ReadonlyArray<TaskUpsertResult>): SyncCounts => ({
  ...zeroCounts,
  issuesProcessed: results.length,
  created: results.filter((r) => r.outcome === 'created').length,
  updated: results.filter((r) => r.outcome === 'updated').length,
  unchanged: results.filter((r) => r.outcome === 'unchanged').length,
  skipped: total - results.length,
});

const writeBatch =
  (connection: Connection, kind: TaskEventKind, items: ReadonlyArray<KeyedIssue>, now: Date, stamp: EventStamp) =>
  ({ events, tasks, userMappings, outbox, connectionLock, quarantine }: TransactionalPorts): TE.TaskEither<PersistenceFailure | SyncStopped, ReadonlyArray<TaskUpsertResult>> => {
    const records: ReadonlyArray<ExternalTaskEvent> = items.map(({ issue, idempotencyKey }) => ({
      idempotencyKey,
      organizationId: connection.organizationId,
      connectionId: connection.id,
      externalId: issue.externalId,
      kind,
      processedAt: now,
    }));
    return pipe(
      connectionLock.hold(connection.organizationId, connection.id),
      TE.chainW((exists) => (exists ? TE.right(undefined) : TE.left(syncStopped(connection.id, 'connection-deleted')))),
      TE.chainW(() => events.recordNew(connection.organizationId, records)),
      TE.map((newKeys) => items.filter(({ idempotencyKey }) => newKeys.has(idempotencyKey)).map(({ issue }) => issue)),
      TE.chainW((fresh) =>
        fresh.length === 0
          ? TE.right([])
          : pipe(
              userMappings.findByIdentities(connection.organizationId, connection.provider, assigneeIdentities(fresh)),
              TE.map(assigneeResolver),
              TE.map((resolve) => fresh.map((issue) => toTaskDraft(connection, issue, resolve(issue), now))),
              TE.chain((drafts) => tasks.upsertMany(connection.organizationId, drafts)),
              // In the same transaction: the product hears of exactly the changes that were kept.
              TE.chainFirst((results) => outbox.append(taskChangeEvents(stamp, results))),
            ),
      ),
      // Every item of the batch is stored now (or was, for a version seen before): none stays quarantined.
      TE.chainFirstW(() => quarantine.release(connection.organizationId, connection.id, items.map(({ issue }) => quarantineIdOf(issue.externalId)))),
    );
  };

/** What the product is told of upserts: one event per task created or changed. */
export const changeEvents = (results: ReadonlyArray<TaskUpsertResult>, now: Date): ReadonlyArray<DomainEvent> =>
  results.flatMap((r) =>
    r.outcome === 'unchanged'
      ? []
      : [
          {
            type: 'external_task.updated' as const,
            organizationId: r.task.organizationId,
            change: r.outcome,
            task: r.task,
            changedFields: r.changedFields,
            occurredAt: now,
          },
        ],
  );

/**
 * The one path by which issues become tasks, for polls and webhooks alike: record the idempotency
 * keys, keep only the versions never seen, map and upsert them and write their outbox events in the
 * same transaction, then log what changed. A duplicate is skipped, never an error.
 */
export const ingestIssues =
  (deps: IngestDeps) =>
  (connection: Connection, kind: TaskEventKind, items: ReadonlyArray<KeyedIssue>, now: Date): TE.TaskEither<PersistenceFailure | SyncStopped, SyncCounts> => {
    const unique = firstOfEachKey(items);
    if (unique.length === 0) return TE.right({ ...zeroCounts, skipped: items.length });
    return pipe(
      // A sync's batches take the sync lane: several out at once, beside the webhook deliveries' transactions.
      deps.unitOfWork.transaction(writeBatch(connection, kind, unique, now, stampOf(deps, kind, now)), kind === 'poll' ? 'sync' : 'shared'),
      TE.chainFirstTaskK((results) => deps.domainEvents.publish(changeEvents(results, now))),
      TE.map((results) => countResults(items.length, results)),
    );
  };
