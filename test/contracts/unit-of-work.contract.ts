import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  persistenceFailure,
  type AuditLog,
  type ConnectionRepository,
  type EventFeed,
  type EventLog,
  type TaskRepository,
  type UnitOfWork,
  type UserMappingRepository,
} from '../../core/index.js';
import { aConnection } from '../support/builders/connection.js';
import { anAuditEntry, anOutboxEvent } from '../support/builders/events.js';
import { anOrganization } from '../support/builders/ids.js';
import { aTaskDraft } from '../support/builders/task-draft.js';
import { aTaskEvent } from '../support/builders/task-event.js';
import { aUserMapping } from '../support/builders/user-mapping.js';
import { deferred, expectLeft, expectRight } from '../support/either.js';

export interface UnitOfWorkSubject {
  readonly unitOfWork: UnitOfWork;
  /** The same stores, read outside any transaction. */
  readonly tasks: TaskRepository;
  readonly events: EventLog;
  readonly userMappings: UserMappingRepository;
  readonly connections: ConnectionRepository;
  readonly eventFeed: EventFeed;
  readonly auditLog: AuditLog;
}

export const describeUnitOfWorkContract = (name: string, setup: () => Promise<UnitOfWorkSubject>) =>
  describe(`UnitOfWork contract (${name})`, () => {
    let subject: UnitOfWorkSubject;
    const organizationId = anOrganization();
    const draft = aTaskDraft({ organizationId });
    const event = aTaskEvent({ organizationId });
    const mapping = aUserMapping({ organizationId });
    const connection = aConnection({ organizationId });
    const outboxEvent = anOutboxEvent({ organizationId });
    const auditEntry = anAuditEntry({ organizationId });
    const NOTHING = { task: null, mappings: [], eventIsNew: true, connection: null, published: [], audited: [] };
    beforeEach(async () => (subject = await setup()));

    /** Writes to every transactional port, then ends as `end` says. */
    const writeAll = <E, A>(end: TE.TaskEither<E, A>) =>
      subject.unitOfWork.transaction((ports) =>
        pipe(
          ports.events.recordNew(organizationId, [event]),
          TE.chainW(() => ports.tasks.upsertMany(organizationId, [draft])),
          TE.chainW(() => ports.userMappings.insert(mapping)),
          TE.chainW(() => ports.connections.insert(connection)),
          TE.chainW(() => ports.outbox.append([outboxEvent])),
          TE.chainW(() => ports.audit.append([auditEntry])),
          TE.chainW(() => end),
        ),
      );

    const stored = async () => ({
      task: await expectRight(subject.tasks.findBySource(organizationId, draft)),
      mappings: await expectRight(subject.userMappings.list(organizationId)),
      eventIsNew: (await expectRight(subject.events.recordNew(organizationId, [event]))).has(event.idempotencyKey),
      connection: await expectRight(subject.connections.findById(organizationId, connection.id)),
      published: (await expectRight(subject.eventFeed.publishPending(100, new Date()))).filter((e) => e.organizationId === organizationId).map((e) => e.id),
      audited: (await expectRight(subject.auditLog.list(organizationId, {}, { limit: 10, after: null }))).items.map((e) => e.id),
    });

    it('commits every write of a work that ends in Right', async () => {
      expect(await expectRight(writeAll(TE.right('done')))).to.equal('done');
      const after = await stored();
      expect(after.task?.title).to.equal(draft.title);
      expect(after.mappings).to.deep.equal([mapping]);
      expect(after.eventIsNew).to.equal(false);
      expect(after.connection?.id).to.equal(connection.id);
      expect(after.published).to.deep.equal([outboxEvent.id]);
      expect(after.audited).to.deep.equal([auditEntry.id]);
    });

    it('keeps nothing of a work that ends in Left, and answers its error', async () => {
      const failure = persistenceFailure('the page failed half-way');
      expect(await expectLeft(writeAll(TE.left(failure)))).to.deep.equal(failure);
      expect(await stored()).to.deep.equal(NOTHING);
    });

    it('keeps nothing of a work that throws, and lets the error through', async () => {
      const crashing = writeAll(() => Promise.reject(new Error('crash inside the page')));
      await crashing().then(
        () => expect.fail('the crash should reach the caller'),
        (error: Error) => expect(error.message).to.equal('crash inside the page'),
      );
      expect(await stored()).to.deep.equal(NOTHING);
    });

    it('shows its outbox events to nobody before it commits', async () => {
      const gate = deferred();
      const entered = deferred();
      const running = subject.unitOfWork.transaction((ports) =>
        pipe(
          ports.outbox.append([outboxEvent]),
          TE.chain(() => async () => {
            entered.resolve();
            await gate.promise;
            return E.right('done');
          }),
        ),
      )();
      await entered.promise;
      const during = await expectRight(subject.eventFeed.publishPending(100, new Date()));
      gate.resolve();
      await running;
      const after = await expectRight(subject.eventFeed.publishPending(100, new Date()));
      expect(during.map((e) => e.id)).not.to.include(outboxEvent.id);
      expect(after.map((e) => e.id)).to.include(outboxEvent.id);
    });

    it('reads its own writes before committing', async () => {
      const seen = await expectRight(
        subject.unitOfWork.transaction((ports) =>
          pipe(
            ports.tasks.upsertMany(organizationId, [draft]),
            TE.chain(() => ports.tasks.findBySource(organizationId, draft)),
          ),
        ),
      );
      expect(seen?.title).to.equal(draft.title);
    });
  });
