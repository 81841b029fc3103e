import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { DomainEvent } from '../../domain/domain-event.js';
import type { TaskUpsertResult } from '../../domain/external-task.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import type { SweepCounts } from '../../domain/sync-run.js';
import type { TaskDeletion } from '../../domain/task-comparison.js';
import type { OutboxEntry } from '../../domain/task-change-event.js';
import type { PersistenceFailure } from '../../errors.js';
import type { TransactionalPorts } from '../../ports/unit-of-work.js';
import { assigneeIdentities, assigneeResolver } from './assignee-index.js';
import { stampOf, type IngestDeps } from './ingest-issues.js';
import { taskChangeEvents, taskDeletedEvent, type EventStamp } from '../events/task-change-events.js';
import { toTaskDraft } from './to-task-draft.js';

/** What a sweep found: items gone from the tracker, items now outside the connection's scope, items back in it. */
export interface SweepPlan {
  readonly gone: ReadonlyArray<string>;
  readonly outOfScope: ReadonlyArray<SourceIssue>;
  readonly backInScope: ReadonlyArray<SourceIssue>;
}

const upsertScoped = (ports: TransactionalPorts, connection: Connection, issues: ReadonlyArray<SourceIssue>, outOfScopeAt: Date | null, now: Date) =>
  issues.length === 0
    ? TE.right<PersistenceFailure, ReadonlyArray<TaskUpsertResult>>([])
    : pipe(
        ports.userMappings.findByIdentities(connection.organizationId, connection.provider, assigneeIdentities(issues)),
        TE.map(assigneeResolver),
        TE.map((resolve) => issues.map((issue) => ({ ...toTaskDraft(connection, issue, resolve(issue), now), outOfScopeAt }))),
        TE.chain((drafts) => ports.tasks.upsertMany(connection.organizationId, drafts)),
      );

const markGone = (ports: TransactionalPorts, connection: Connection, ids: ReadonlyArray<string>, now: Date) =>
  pipe(
    ids,
    TE.traverseSeqArray((externalId) => ports.tasks.markDeleted(connection.organizationId, { externalSystem: connection.provider, site: connection.site, externalId }, now)),
    TE.map((deletions) => deletions.filter((d): d is TaskDeletion => d !== null)),
  );

const eventsOf = (changed: ReadonlyArray<TaskUpsertResult>, deleted: ReadonlyArray<TaskDeletion>, now: Date): ReadonlyArray<DomainEvent> => [
  ...changed.flatMap((r) =>
    r.outcome === 'unchanged'
      ? []
      : [{ type: 'external_task.updated' as const, organizationId: r.task.organizationId, change: r.outcome, task: r.task, changedFields: r.changedFields, occurredAt: now }],
  ),
  ...deleted.map((d) => ({ type: 'external_task.deleted' as const, organizationId: d.task.organizationId, change: 'deleted' as const, task: d.task, changedFields: d.changedFields, occurredAt: now })),
];

/** What the product hears of a sweep, in the outbox of the sweep's own transaction. */
const sweepEvents = (stamp: EventStamp, changed: ReadonlyArray<TaskUpsertResult>, deleted: ReadonlyArray<TaskDeletion>): ReadonlyArray<OutboxEntry> => [
  ...taskChangeEvents(stamp, changed),
  ...deleted.map((deletion) => taskDeletedEvent(stamp, deletion)),
];

/**
 * Applies a sweep in one transaction: out-of-scope items are stored as the tracker shows them now
 * (new key, new project) with `outOfScopeAt`, items back in scope lose it, gone ones are marked
 * deleted, and the outbox holds an event of each (`external_task.out_of_scope`, `.updated`,
 * `.deleted`); then the in-process listeners are told.
 */
export const writeSweep =
  (deps: IngestDeps) =>
  (connection: Connection, plan: SweepPlan, now: Date): TE.TaskEither<PersistenceFailure, SweepCounts> =>
    pipe(
      deps.unitOfWork.transaction((ports) =>
        pipe(
          TE.Do,
          TE.bind('out', () => upsertScoped(ports, connection, plan.outOfScope, now, now)),
          TE.bind('back', () => upsertScoped(ports, connection, plan.backInScope, null, now)),
          TE.bind('deleted', () => markGone(ports, connection, plan.gone, now)),
          TE.chainFirst(({ out, back, deleted }) => ports.outbox.append(sweepEvents(stampOf(deps, 'poll', now), [...out, ...back], deleted))),
        ),
      ),
      TE.chainFirstTaskK(({ out, back, deleted }) => deps.domainEvents.publish(eventsOf([...out, ...back], deleted, now))),
      TE.map(({ out, back, deleted }) => ({
        deleted: deleted.length,
        outOfScope: out.filter((r) => r.outcome !== 'unchanged').length,
        backInScope: back.filter((r) => r.outcome !== 'unchanged').length,
      })),
    );
