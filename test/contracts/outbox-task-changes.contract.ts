import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  outboxEventOf,
  taskChangeEvents,
  type EventFeed,
  type ExternalTask,
  type Outbox,
  type OutboxEntry,
  type TaskDraft,
  type TaskRepository,
  type TaskUpsertResult,
  type TransactionalPorts,
  type UnitOfWork,
} from '../../core/index.js';
import { sequentialIds } from '../../adapters/memory/index.js';
import { anOrganization } from '../support/builders/ids.js';
import { aTaskDraft } from '../support/builders/task-draft.js';
import { expectRight } from '../support/either.js';

export interface OutboxTaskChangesSubject {
  readonly unitOfWork: UnitOfWork;
  readonly eventFeed: EventFeed;
  /** The same stores outside any unit of work. */
  readonly tasks: TaskRepository;
  readonly outbox: Outbox;
}

const NOW = new Date('2026-02-01T10:20:30.456Z');

/** Every nullable member given a value, instants with milliseconds, a data note: each kind of column once. */
const fullDraft = (overrides: Partial<TaskDraft>): TaskDraft =>
  aTaskDraft({
    internalProjectId: 'proj-7',
    board: 'Service Desk',
    company: 'Acme "Quoted" & Co',
    phase: 'Design',
    resourceId: 'res-1',
    dueDate: '2026-12-31',
    externalCreatedAt: new Date('2025-12-31T23:59:59.999Z'),
    outOfScopeAt: new Date('2026-01-30T00:00:00.001Z'),
    dataNotes: [{ field: 'dueDate', note: 'not a date', value: 'soon' }],
    description: 'Line one\nline two, tab\t, unicode ✓',
    ...overrides,
  });

/** Nothing optional set: nulls must stay nulls. */
const sparseDraft = (overrides: Partial<TaskDraft>): TaskDraft =>
  aTaskDraft({ description: null, rawStatus: null, statusCategory: null, rawPriority: null, projectKey: null, assigneeEmail: null, assigneeExternalId: null, dueDate: null, externalCreatedAt: null, ...overrides });

/**
 * The outbox's task changes (`TaskChangeEvent`): whichever way a store builds their data, each
 * published event is exactly `outboxEventOf` of what was appended, the task as the change carried it.
 */
export const describeOutboxTaskChangesContract = (name: string, setup: () => Promise<OutboxTaskChangesSubject>) =>
  describe(`Outbox contract: task changes (${name})`, () => {
    let subject: OutboxTaskChangesSubject;
    const organizationId = anOrganization();
    beforeEach(async () => (subject = await setup()));

    const stampFor = (prefix: string) => ({ eventIds: sequentialIds(prefix), now: NOW, cause: 'sync' as const });

    /** Upserts each group of drafts in turn in one transaction, then appends `changesOf` their results. */
    const upsertThenAppend = (groups: ReadonlyArray<ReadonlyArray<TaskDraft>>, changesOf: (results: ReadonlyArray<TaskUpsertResult>) => ReadonlyArray<OutboxEntry>, between?: (ports: TransactionalPorts) => TE.TaskEither<unknown, unknown>) =>
      expectRight(
        subject.unitOfWork.transaction((ports) =>
          pipe(
            groups,
            TE.traverseSeqArray((drafts) => ports.tasks.upsertMany(organizationId, drafts)),
            TE.map((results) => results.flat()),
            TE.chainFirstW(() => (between === undefined ? TE.right(undefined) : between(ports))),
            TE.chainW((results) => {
              const entries = changesOf(results);
              return pipe(
                ports.outbox.append(entries),
                TE.map(() => entries),
              );
            }),
          ),
        ),
      );

    const published = async () => (await expectRight(subject.eventFeed.publishPending(1000, NOW))).filter((e) => e.organizationId === organizationId).map(({ position: _position, ...event }) => event);

    /** Publishes what is pending, checks it is what was appended, and answers it. */
    const expectPublishedAsAppended = async (entries: ReadonlyArray<OutboxEntry>) => {
      const events = await published();
      expect(events).to.deep.equal(entries.map(outboxEventOf));
      return events;
    };

    it('publishes a created task exactly as taskView shows it: every kind of value, and nulls', async () => {
      const drafts = [fullDraft({ organizationId }), sparseDraft({ organizationId })];
      const entries = await upsertThenAppend([drafts], (results) => taskChangeEvents(stampFor('c0000000'), results));
      expect(entries.map((e) => e.type)).to.deep.equal(['external_task.created', 'external_task.created']);
      const [full] = await expectPublishedAsAppended(entries);
      const task = (full!.data as { task: Record<string, unknown> }).task;
      expect(task['externalCreatedAt']).to.equal('2025-12-31T23:59:59.999Z');
      expect(task['dueDate']).to.equal('2026-12-31');
      expect(task).not.to.have.any.keys('sourceData', 'organizationId');
    });

    it('publishes an update with its changed fields and changes, and the task as updated', async () => {
      const first = fullDraft({ organizationId });
      const later = { ...first, title: 'Renamed', phase: null, externalUpdatedAt: new Date('2026-01-16T00:00:00.500Z'), sourceVersion: 'v2' };
      await upsertThenAppend([[first]], () => []);
      const entries = await upsertThenAppend([[later]], (results) => taskChangeEvents(stampFor('a0000000'), results));
      expect(entries.map((e) => e.type)).to.deep.equal(['external_task.updated']);
      const [event] = await expectPublishedAsAppended(entries);
      expect(event!.data['changedFields']).to.include.members(['title', 'phase']);
      expect((event!.data['task'] as { title: string }).title).to.equal('Renamed');
    });

    it('shows each version of a task changed twice in one transaction, not the later one twice', async () => {
      const first = sparseDraft({ organizationId });
      const second = { ...first, title: 'Second', externalUpdatedAt: new Date('2026-01-16T00:00:00.000Z'), sourceVersion: 'v2' };
      const third = { ...first, title: 'Third', externalUpdatedAt: new Date('2026-01-17T00:00:00.000Z'), sourceVersion: 'v3' };
      // Two versions in one call, then a third in another call of the same transaction.
      const entries = await upsertThenAppend([[first, second], [third]], (results) => taskChangeEvents(stampFor('b0000000'), results));
      expect(entries.map((e) => (e as { task: ExternalTask }).task.title)).to.deep.equal([first.title, 'Second', 'Third']);
      await expectPublishedAsAppended(entries);
    });

    it('shows the task the change carries when its row changed after the upsert (a deletion marked)', async () => {
      const draft = fullDraft({ organizationId });
      const entries = await upsertThenAppend([[draft]], (results) => taskChangeEvents(stampFor('d0000000'), results), (ports) => ports.tasks.markDeleted(organizationId, draft, new Date('2026-01-31T00:00:00.000Z')));
      const [event] = await expectPublishedAsAppended(entries);
      expect((event!.data['task'] as { deletedAt: unknown }).deletedAt).to.equal(null);
    });

    it('keeps the order of task changes and other events appended together', async () => {
      const draft = sparseDraft({ organizationId });
      const entries = await upsertThenAppend([[draft]], (results) => {
        const [change] = taskChangeEvents(stampFor('e0000000'), results);
        const other = { ...outboxEventOf(change!), id: 'e0000000-0000-4000-8000-0000000000ff', type: 'connection.sync_succeeded' as const, taskId: null, data: { runId: 'r' } };
        return [other, change!, { ...other, id: 'e0000000-0000-4000-8000-0000000000fe' }];
      });
      await expectPublishedAsAppended(entries);
    });

    it('publishes the same outside a unit of work, where nothing holds the row between two calls', async () => {
      const draft = fullDraft({ organizationId });
      const results = await expectRight(subject.tasks.upsertMany(organizationId, [draft]));
      const entries = taskChangeEvents(stampFor('f0000000'), results);
      await expectRight(subject.outbox.append(entries));
      await expectPublishedAsAppended(entries);
    });
  });
