import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { sortableIds } from '../../../../adapters/ids/sortable-ids.js';
import { ingestIssues, pollIdempotencyKey, type Connection, type SourceIssue } from '../../../../core/index.js';
import { editedLater, someIssues } from '../../../builders/source-issue-builder.js';
import { aConnection } from '../../../support/builders/connection.js';
import { anId } from '../../../support/builders/ids.js';
import { expectRight } from '../../../support/either.js';
import { postgresSubject } from '../../../support/postgres-subject.js';
import { countRows } from '../../../support/table-rows.js';

describe("PostgreSQL unit of work: the syncs' lane", () => {
  let subject: Awaited<ReturnType<typeof postgresSubject>>;
  let connection: Connection;
  beforeEach(async () => {
    subject = await postgresSubject();
    connection = aConnection({ id: anId() });
    await expectRight(subject.connections.insert(connection));
  });

  /** A sync's write of these issues, as pull-by-ids makes it (core's ingestIssues on the real adapters). */
  const write = (issues: ReadonlyArray<SourceIssue>, kind: 'poll' | 'webhook' = 'poll') =>
    ingestIssues({ unitOfWork: subject.unitOfWork, domainEvents: { publish: () => T.of(undefined) }, eventIds: sortableIds() })(
      connection,
      kind,
      issues.map((issue) => ({ issue, idempotencyKey: pollIdempotencyKey(connection, issue.externalId, issue.version) })),
      new Date('2026-03-01T10:00:00.000Z'),
    )();

  it('runs two transactions of the lane side by side', async () => {
    const inLane = (work: () => Promise<unknown>) =>
      subject.unitOfWork.transaction(
        (ports) =>
          pipe(
            ports.connectionLock.hold(connection.organizationId, connection.id),
            TE.chainW(() => TE.fromTask(work)),
          ),
        'sync',
      )();
    let second: Promise<unknown> = Promise.resolve();
    // Submitted from inside the first transaction: in a lane of one at a time it would wait for the first to end.
    const secondBegins = () =>
      new Promise<string>((resolve) => {
        second = inLane(async () => resolve('began'));
        setTimeout(() => resolve('waited for the first to end'), 3000).unref();
      });

    const first = await inLane(secondBegins);

    expect(first).to.deep.equal(E.right('began'));
    expect(E.isRight((await second) as E.Either<unknown, unknown>)).to.equal(true);
  });

  it('lets two writes of overlapping items run at once: both end, and each item is one task and one event', async () => {
    const issues = someIssues(450);

    const [first, second] = await Promise.all([write(issues.slice(0, 300)), write(issues.slice(150))]);

    const counts = [expectRightValue(first), expectRightValue(second)];
    expect(counts[0]!.created + counts[1]!.created).to.equal(450);
    expect(counts[0]!.skipped + counts[1]!.skipped).to.equal(150);
    expect(await countRows(subject.orm, 'external_tasks')).to.equal(450);
    expect(await countRows(subject.orm, 'external_task_events')).to.equal(450);
  });

  it("lets a sync's write and a webhook delivery of another version of the same new items run at once: both end, the newer version stored", async () => {
    // Different versions have different idempotency keys, so the event log does not order them: the
    // task upsert finds the race (both saw no stored task) and the loser runs again.
    for (let round = 0; round < 5; round += 1) {
      const issues = someIssues(3).map((issue) => ({ ...issue, externalId: `${issue.externalId}-${round}`, key: `${issue.key}-${round}` }));
      const newer = issues.map((issue) => editedLater(issue, { title: `${issue.title} (edited)` }));

      const outcomes = await Promise.all([write(issues), write(newer, 'webhook')]);

      expect(outcomes.map((outcome) => (E.isRight(outcome) ? 'written' : JSON.stringify(outcome.left)))).to.deep.equal(['written', 'written']);
    }
    const titles = await subject.orm.em.fork().execute<Array<{ title: string }>>('select title from external_tasks');
    expect(titles).to.have.length(15);
    expect(titles.every((row) => row.title.endsWith('(edited)'))).to.equal(true);
    // Each item created once; the older version, when it won the race, is followed by the newer one's update.
    const events = await subject.orm.em.fork().execute<Array<{ type: string; n: string }>>('select type, count(*) as n from outbox_events group by type order by type');
    expect(events.find((row) => row.type === 'external_task.created')?.n).to.equal('15');
  });

  it("lets a sync's write and a webhook delivery of the same items run at once, each item stored once", async () => {
    const issues = someIssues(200);

    const outcomes = await Promise.all([write(issues), ...issues.slice(0, 50).map((issue) => write([issue], 'webhook'))]);

    expect(outcomes.every(E.isRight)).to.equal(true);
    expect(await countRows(subject.orm, 'external_tasks')).to.equal(200);
    expect(await countRows(subject.orm, 'external_task_events')).to.equal(200);
  });
});

const expectRightValue = <A>(outcome: E.Either<unknown, A>): A => {
  if (E.isLeft(outcome)) throw new Error(`expected a Right, got ${JSON.stringify(outcome.left)}`);
  return outcome.right;
};
