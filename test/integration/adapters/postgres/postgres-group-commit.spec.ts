import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { TaskDraft, TransactionalPorts } from '../../../../core/index.js';
import { anOrganization } from '../../../support/builders/ids.js';
import { aTaskDraft } from '../../../support/builders/task-draft.js';
import { aTaskEvent } from '../../../support/builders/task-event.js';
import { expectRight } from '../../../support/either.js';
import { postgresSubject } from '../../../support/postgres-subject.js';
import { countStatements } from '../../../support/statement-counter.js';
import { countRows } from '../../../support/table-rows.js';

describe('PostgreSQL unit of work: concurrent works share one commit', () => {
  let subject: Awaited<ReturnType<typeof postgresSubject>>;
  const organizationId = anOrganization();
  beforeEach(async () => (subject = await postgresSubject()));

  /** What a webhook delivery does: record its key; if it is new, look up the assignee and upsert the task. */
  const ingest = (key: string, draft: TaskDraft, end: TE.TaskEither<string, string> = TE.right('done')) =>
    subject.unitOfWork.transaction((ports: TransactionalPorts) =>
      pipe(
        ports.events.recordNew(organizationId, [aTaskEvent({ organizationId, idempotencyKey: key, externalId: draft.externalId })]),
        TE.chainW((fresh) =>
          fresh.has(key)
            ? pipe(
                ports.userMappings.findByIdentities(organizationId, 'jira', { emails: [draft.assigneeEmail ?? ''], externalUserIds: [] }),
                TE.chainW(() => ports.tasks.upsertMany(organizationId, [draft])),
                TE.map((results) => results[0]!.outcome as string),
              )
            : TE.right('duplicate'),
        ),
        TE.chainFirstW(() => end),
      ),
    );

  it('answers each of 20 simultaneous works with its own outcome, for the statements of one', async () => {
    const drafts = Array.from({ length: 20 }, () => aTaskDraft({ organizationId }));
    let outcomes: ReadonlyArray<E.Either<unknown, string>> = [];
    const statements = await countStatements(subject.orm, async () => {
      outcomes = await Promise.all(drafts.map((draft, i) => ingest(`key-${i}`, draft)()));
    });
    expect(outcomes).to.deep.equal(drafts.map(() => E.right('created')));
    expect(statements, statements.join('\n')).to.have.length(4);
    expect([await countRows(subject.orm, 'external_tasks'), await countRows(subject.orm, 'external_task_events')]).to.deep.equal([20, 20]);
  });

  it('gives a key delivered twice at once to one work only, so it is applied once', async () => {
    const draft = aTaskDraft({ organizationId });
    const outcomes = await Promise.all([ingest('same-key', draft)(), ingest('same-key', draft)(), ingest('other-key', aTaskDraft({ organizationId }))()]);
    expect(outcomes.map((o) => (E.isRight(o) ? o.right : 'left')).sort()).to.deep.equal(['created', 'created', 'duplicate']);
    expect(await countRows(subject.orm, 'external_task_events')).to.equal(2);
  });

  it('keeps the others when one work of the group ends in Left, and nothing of that one', async () => {
    const drafts = Array.from({ length: 5 }, () => aTaskDraft({ organizationId }));
    const outcomes = await Promise.all(drafts.map((draft, i) => ingest(`key-${i}`, draft, i === 2 ? TE.left('refused') : TE.right('done'))()));
    expect(outcomes).to.deep.equal(drafts.map((_, i) => (i === 2 ? E.left('refused') : E.right('created'))));
    const stored = await Promise.all(drafts.map(async (d) => (await expectRight(subject.tasks.findBySource(organizationId, d))) !== null));
    expect(stored).to.deep.equal([true, true, false, true, true]);
    expect(await countRows(subject.orm, 'external_task_events')).to.equal(4);
  });

  it('lets a throw reach only the caller whose work threw', async () => {
    const drafts = Array.from({ length: 3 }, () => aTaskDraft({ organizationId }));
    const crash = () => Promise.reject(new Error('crash in one delivery'));
    const settled = await Promise.allSettled(drafts.map((draft, i) => ingest(`key-${i}`, draft, i === 0 ? crash : TE.right('done'))()));
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : s.value))).to.deep.equal([
      'crash in one delivery',
      E.right('created'),
      E.right('created'),
    ]);
    expect(await countRows(subject.orm, 'external_tasks')).to.equal(2);
  });
});
