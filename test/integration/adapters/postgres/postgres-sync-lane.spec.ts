import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { sortableIds } from '../../../../adapters/ids/sortable-ids.js';
import { ingestIssues, pollIdempotencyKey, type Connection, type SourceIssue } from '../../../../core/index.js';
import { someIssues } from '../../../builders/source-issue-builder.js';
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
