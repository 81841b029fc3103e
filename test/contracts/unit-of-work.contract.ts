import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { persistenceFailure, type EventLog, type TaskRepository, type UnitOfWork, type UserMappingRepository } from '../../core/index.js';
import { anOrganization } from '../support/builders/ids.js';
import { aTaskDraft } from '../support/builders/task-draft.js';
import { aTaskEvent } from '../support/builders/task-event.js';
import { aUserMapping } from '../support/builders/user-mapping.js';
import { expectLeft, expectRight } from '../support/either.js';

export interface UnitOfWorkSubject {
  readonly unitOfWork: UnitOfWork;
  /** The same stores, read outside any transaction. */
  readonly tasks: TaskRepository;
  readonly events: EventLog;
  readonly userMappings: UserMappingRepository;
}

export const describeUnitOfWorkContract = (name: string, setup: () => Promise<UnitOfWorkSubject>) =>
  describe(`UnitOfWork contract (${name})`, () => {
    let subject: UnitOfWorkSubject;
    const organizationId = anOrganization();
    const draft = aTaskDraft({ organizationId });
    const event = aTaskEvent({ organizationId });
    const mapping = aUserMapping({ organizationId });
    beforeEach(async () => (subject = await setup()));

    /** Writes to every transactional port, then ends as `end` says. */
    const writeAll = <E, A>(end: TE.TaskEither<E, A>) =>
      subject.unitOfWork.transaction((ports) =>
        pipe(
          ports.events.recordNew(organizationId, [event]),
          TE.chainW(() => ports.tasks.upsertMany(organizationId, [draft])),
          TE.chainW(() => ports.userMappings.insert(mapping)),
          TE.chainW(() => end),
        ),
      );

    const stored = async () => ({
      task: await expectRight(subject.tasks.findBySource(organizationId, draft)),
      mappings: await expectRight(subject.userMappings.list(organizationId)),
      eventIsNew: (await expectRight(subject.events.recordNew(organizationId, [event]))).has(event.idempotencyKey),
    });

    it('commits every write of a work that ends in Right', async () => {
      expect(await expectRight(writeAll(TE.right('done')))).to.equal('done');
      const after = await stored();
      expect(after.task?.title).to.equal(draft.title);
      expect(after.mappings).to.deep.equal([mapping]);
      expect(after.eventIsNew).to.equal(false);
    });

    it('keeps nothing of a work that ends in Left, and answers its error', async () => {
      const failure = persistenceFailure('the page failed half-way');
      expect(await expectLeft(writeAll(TE.left(failure)))).to.deep.equal(failure);
      expect(await stored()).to.deep.equal({ task: null, mappings: [], eventIsNew: true });
    });

    it('keeps nothing of a work that throws, and lets the error through', async () => {
      const crashing = writeAll(() => Promise.reject(new Error('crash inside the page')));
      await crashing().then(
        () => expect.fail('the crash should reach the caller'),
        (error: Error) => expect(error.message).to.equal('crash inside the page'),
      );
      expect(await stored()).to.deep.equal({ task: null, mappings: [], eventIsNew: true });
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
