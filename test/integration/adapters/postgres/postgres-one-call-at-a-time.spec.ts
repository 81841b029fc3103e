import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { OrganizationId, TransactionalPorts } from '../../../../core/index.js';
import { anOrganization } from '../../../support/builders/ids.js';
import { aTaskDraft } from '../../../support/builders/task-draft.js';
import { aTaskEvent } from '../../../support/builders/task-event.js';
import { postgresSubject } from '../../../support/postgres-subject.js';
import { mostStatementsOutOnOneTransaction } from '../../../support/statement-counter.js';

describe('PostgreSQL unit of work: one statement at a time on a transaction', () => {
  let subject: Awaited<ReturnType<typeof postgresSubject>>;
  beforeEach(async () => (subject = await postgresSubject()));

  /** Records a key and upserts a task, with a read of the organization's tasks beside them. */
  const work = (organizationId: OrganizationId, key: string) => (ports: TransactionalPorts) => {
    const draft = aTaskDraft({ organizationId });
    return pipe(
      TE.sequenceArray([
        pipe(ports.events.recordNew(organizationId, [aTaskEvent({ organizationId, idempotencyKey: key, externalId: draft.externalId })]), TE.map(() => 'recorded')),
        pipe(ports.tasks.findBySource(organizationId, draft), TE.map(() => 'read')),
      ]),
      TE.chainW(() => ports.tasks.upsertMany(organizationId, [draft])),
      TE.map((results) => results[0]!.outcome),
    );
  };

  it('never has two statements out on one transaction, for works of several organizations in one group', async () => {
    const organizations = [anOrganization(), anOrganization(), anOrganization()];
    let outcomes: ReadonlyArray<E.Either<unknown, string>> = [];
    const most = await mostStatementsOutOnOneTransaction(subject.orm, async () => {
      outcomes = await Promise.all(organizations.flatMap((org, i) => [0, 1].map((n) => subject.unitOfWork.transaction(work(org, `key-${i}-${n}`))())));
    });
    expect(outcomes).to.deep.equal(organizations.flatMap(() => [E.right('created'), E.right('created')]));
    expect(most).to.equal(1);
  });

  it('never has two statements out on a transaction of one work that calls its ports side by side', async () => {
    const most = await mostStatementsOutOnOneTransaction(subject.orm, async () => {
      expect(await subject.unitOfWork.transaction(work(anOrganization(), 'alone'))()).to.deep.equal(E.right('created'));
    });
    expect(most).to.equal(1);
  });
});
