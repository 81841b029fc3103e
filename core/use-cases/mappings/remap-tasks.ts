import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ExternalTask, TaskDraft, TaskUpsertResult } from '../../domain/external-task.js';
import type { FieldMappings } from '../../domain/field-mappings.js';
import type { OrganizationId } from '../../domain/ids.js';
import type { ExternalSystem } from '../../domain/provider.js';
import type { TaskCursor } from '../../domain/task-cursor.js';
import { addRemaps, noRemap, remappedTask, type RemapReport } from '../../domain/task-mapping.js';
import type { PersistenceFailure } from '../../errors.js';
import type { DomainEvents } from '../../ports/domain-events.js';
import type { TaskFilter } from '../../ports/task-repository.js';
import type { TransactionalPorts, UnitOfWork } from '../../ports/unit-of-work.js';
import type { RecordingDeps } from '../audit/audited.js';
import { taskChangeEvents, type EventStamp } from '../events/task-change-events.js';
import { assigneeIdentities, assigneeResolver } from '../sync/assignee-index.js';
import { changeEvents } from '../sync/ingest-issues.js';

export interface RemapDeps extends RecordingDeps {
  readonly unitOfWork: UnitOfWork;
  readonly domainEvents: DomainEvents;
}

/** Tasks read, mapped and written per transaction: memory stays bounded whatever the organization's size. */
export const REMAP_BATCH_SIZE = 500;

/** Which stored tasks to map again, and with what. */
export interface RemapSelection {
  readonly organizationId: OrganizationId;
  /** User mappings are per tracker kind: assignees resolve among this system's mappings only. */
  readonly externalSystem: ExternalSystem;
  readonly filter: TaskFilter;
  /** The connection's field mappings, or null to leave status, priority and project as they are (a user mapping changed). */
  readonly mappings: FieldMappings | null;
}

interface BatchOutcome {
  readonly results: ReadonlyArray<TaskUpsertResult>;
  readonly examined: number;
  readonly next: TaskCursor | null;
}

const draftOf = ({ id: _id, createdAt: _created, updatedAt: _updated, ...draft }: ExternalTask): TaskDraft => draft;

/**
 * One batch in one transaction, with the outbox events of its changes. The rewritten tasks go through
 * `upsertMany` like a sync's: a task a sync changed meanwhile holds a newer version, so its stored
 * content wins over this remapping.
 */
const remapBatch =
  (selection: RemapSelection, after: TaskCursor | null, stamp: EventStamp) =>
  ({ tasks, userMappings, outbox }: TransactionalPorts): TE.TaskEither<PersistenceFailure, BatchOutcome> =>
    pipe(
      tasks.list(selection.organizationId, { ...selection.filter, externalSystem: selection.externalSystem, includeDeleted: true }, { limit: REMAP_BATCH_SIZE, after }),
      TE.chain((page) =>
        pipe(
          userMappings.findByIdentities(selection.organizationId, selection.externalSystem, assigneeIdentities(page.items)),
          TE.map(assigneeResolver),
          TE.map((resolve) => page.items.flatMap((task) => remappedTask(task, selection.mappings, resolve(task)) ?? [])),
          TE.chain((changed) => (changed.length === 0 ? TE.right([]) : tasks.upsertMany(selection.organizationId, changed.map(draftOf)))),
          TE.chainFirst((results) => outbox.append(taskChangeEvents(stamp, results))),
          TE.map((results): BatchOutcome => ({ results, examined: page.items.length, next: page.next })),
        ),
      ),
    );

/**
 * Applies mappings again to stored tasks from the raw values each keeps, without asking the tracker:
 * a sync skips versions it has seen, so it would never map them again. Batch after batch in list
 * order (which remapping does not change); each changed task is announced like a sync's change.
 * Idempotent: a second pass over the same mappings changes nothing.
 */
export const remapTasks =
  (deps: RemapDeps) =>
  (selection: RemapSelection): TE.TaskEither<PersistenceFailure, RemapReport> =>
  async () => {
    let report = noRemap;
    let after: TaskCursor | null = null;
    for (;;) {
      const stamp: EventStamp = { eventIds: deps.eventIds, now: deps.clock.now(), cause: 'mapping' };
      const batch: E.Either<PersistenceFailure, BatchOutcome> = await deps.unitOfWork.transaction(remapBatch(selection, after, stamp))();
      if (E.isLeft(batch)) return batch;
      const { results, examined } = batch.right;
      await deps.domainEvents.publish(changeEvents(results, deps.clock.now()))();
      report = addRemaps(report, { tasksExamined: examined, tasksRemapped: results.filter((r) => r.outcome === 'updated').length });
      if (batch.right.next === null) return E.right(report);
      after = batch.right.next;
    }
  };
