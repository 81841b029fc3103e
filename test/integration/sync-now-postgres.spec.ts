import { expect } from 'chai';
import { createInMemoryAdapters } from '../../adapters/memory/index.js';
import { createPostgresAdapters, type MikroORM } from '../../adapters/postgres/index.js';
import { memorySyncQueue, runSyncsInline } from '../../adapters/memory/memory-sync-queue.js';
import { asOrganizationId, createConnection, syncNow, type ConnectionId, type SourceIssue } from '../../core/index.js';
import { aConnectionInput, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { anIssue, editedLater, someIssues } from '../builders/source-issue-builder.js';
import { requester } from '../builders/harness.js';
import { expectLeft, expectRight } from '../support/either.js';
import { failingTaskWrite, gatedIssueSource, withIssueSource, type Crash } from '../support/sync-faults.js';
import { countRows, taskRowVersions } from '../support/table-rows.js';
import { emptyTestDatabase } from '../support/test-database.js';

const organizationId = asOrganizationId('org-sync');
const source = (externalId: string) => ({ externalSystem: 'tracker', site: new URL(TRACKER_BASE_URL).host, externalId });

describe('syncNow on PostgreSQL', () => {
  const wire = () => ({ ...memory, ...postgres });
  let orm: MikroORM;
  let memory: ReturnType<typeof createInMemoryAdapters>;
  let deps: ReturnType<typeof wire>;
  let postgres: ReturnType<typeof createPostgresAdapters>;
  let issues: SourceIssue[];

  const connect = async (baseUrl = TRACKER_BASE_URL) => {
    const created = await expectRight(createConnection({ ...deps, baseUrlPolicy: memory.baseUrlPolicy })(requester(organizationId), aConnectionInput({ baseUrl })));
    return created.id as ConnectionId;
  };
  /** Each sync runs its job in this process with the dependencies given (one attempt: a failure shows). */
  const sync = (connectionId: ConnectionId, options?: unknown, using = deps) =>
    syncNow(runSyncsInline({ ...using, syncQueue: memorySyncQueue({ maxAttempts: 1 }) }))({ organizationId, connectionId, options });

  beforeEach(async () => {
    ({ orm } = await emptyTestDatabase());
    memory = createInMemoryAdapters({ pageSize: 3 });
    postgres = createPostgresAdapters(orm, { clock: memory.clock });
    deps = wire();
    issues = someIssues(7);
    memory.issueSource.setIssues(TRACKER_BASE_URL, issues);
  });

  it('stores every issue on the first sync, with the run and the watermark', async () => {
    const id = await connect();
    const report = await expectRight(sync(id));
    expect(report).to.include({ status: 'succeeded', issuesProcessed: 7, created: 7, updated: 0, skipped: 0, cursor: issues[6]!.updatedAt.toISOString() });
    expect([await countRows(orm, 'external_tasks'), await countRows(orm, 'external_task_events')]).to.deep.equal([7, 7]);
    const [run] = await expectRight(deps.syncRuns.listForConnection(organizationId, id, 5));
    expect(run).to.deep.include({ status: 'succeeded', counts: { issuesProcessed: 7, created: 7, updated: 0, unchanged: 0, skipped: 0, quarantined: 0 } });
    expect((await expectRight(deps.connections.findById(organizationId, id)))?.syncState.cursor).to.equal(report.cursor);
  });

  it('stores an issue whose text holds NUL characters, which PostgreSQL refuses, without them', async () => {
    memory.issueSource.setIssues(TRACKER_BASE_URL, [
      anIssue(1, { title: 'Broken\u0000paste', description: 'a\u0000b', sourceData: { labels: ['x\u0000y'], issueType: 'Bug' } }),
      anIssue(2),
    ]);
    const id = await connect();
    expect(await expectRight(sync(id))).to.include({ created: 2 });
    const task = await expectRight(postgres.tasks.findBySource(organizationId, source(anIssue(1).externalId)));
    expect(task).to.deep.include({ title: 'Brokenpaste', description: 'ab', sourceData: { labels: ['xy'], issueType: 'Bug' } });
  });

  it('quarantines the issue whose values PostgreSQL refuses, stores the rest of its page and of the sync, and stores it once fixed', async () => {
    // A provider that left half a character in its source data: jsonb refuses it, so the whole page's write is refused.
    const halfCharacter = anIssue(5, { sourceData: { labels: ['cut \ud83d in half'] } });
    memory.issueSource.setIssues(TRACKER_BASE_URL, [...issues.slice(0, 4), halfCharacter, ...issues.slice(5)]);
    const id = await connect();
    const report = await expectRight(sync(id));
    expect(report).to.include({ status: 'succeeded', created: 6, quarantined: 1, cursor: issues[6]!.updatedAt.toISOString() });
    expect(report.quarantine).to.have.length(1);
    expect(report.quarantine[0]).to.include({ externalId: halfCharacter.externalId, key: 'PROJ-5', version: halfCharacter.version });
    expect(report.quarantine[0]!.reason).to.match(/database refused a value: .*json/i);
    expect(await countRows(orm, 'external_tasks')).to.equal(6);
    const [held] = await expectRight(postgres.quarantine.list(organizationId, id, 10));
    expect(held).to.deep.include({ externalId: halfCharacter.externalId, runId: report.runId, reason: report.quarantine[0]!.reason });
    const [run] = await expectRight(deps.syncRuns.listForConnection(organizationId, id, 1));
    expect(run).to.deep.include({ quarantine: report.quarantine, counts: { issuesProcessed: 6, created: 6, updated: 0, unchanged: 0, skipped: 0, quarantined: 1 } });

    memory.issueSource.setIssues(TRACKER_BASE_URL, [...issues.slice(0, 4), editedLater(halfCharacter, { sourceData: { labels: ['whole'] } }), ...issues.slice(5)]);
    memory.clock.advance(60_000);
    expect(await expectRight(sync(id))).to.include({ created: 1, quarantined: 0 });
    expect(await countRows(orm, 'external_tasks')).to.equal(7);
    expect(await expectRight(postgres.quarantine.list(organizationId, id, 10))).to.deep.equal([]);
  });

  it('quarantines an issue whose update time no column holds before writing, without moving the watermark to it', async () => {
    const farFuture = anIssue(3, { updatedAt: new Date('+010000-01-01T00:00:00Z'), version: 'v-far' });
    memory.issueSource.setIssues(TRACKER_BASE_URL, [...issues.slice(0, 2), farFuture, ...issues.slice(3)]);
    const id = await connect();
    const report = await expectRight(sync(id));
    expect(report).to.include({ status: 'succeeded', created: 6, quarantined: 1, cursor: issues[6]!.updatedAt.toISOString() });
    expect(report.quarantine.map((q) => [q.externalId, q.reason])).to.deep.equal([[farFuture.externalId, 'its update time is not a date from the year 1 to 9999']]);
  });

  it('writes nothing on an identical resync', async () => {
    const id = await connect();
    await expectRight(sync(id));
    const before = await taskRowVersions(orm);
    memory.clock.advance(3_600_000);
    const report = await expectRight(sync(id, { mode: 'full' }));
    expect(report).to.include({ created: 0, updated: 0, unchanged: 0, skipped: 7 });
    expect(await taskRowVersions(orm)).to.deep.equal(before);
    expect(await countRows(orm, 'external_task_events')).to.equal(7);
  });

  it('updates exactly the task whose issue changed', async () => {
    const id = await connect();
    await expectRight(sync(id));
    const before = await taskRowVersions(orm);
    issues[2] = editedLater(issues[2]!, { title: 'Renamed in the tracker' }, 3600);
    memory.issueSource.setIssues(TRACKER_BASE_URL, issues);
    const report = await expectRight(sync(id, { mode: 'full' }));
    expect(report).to.include({ created: 0, updated: 1, skipped: 6 });
    const after = await taskRowVersions(orm);
    const changed = after.filter((row, i) => row.xmin !== before[i]!.xmin).map((row) => row.external_id);
    expect(changed).to.deep.equal([issues[2]!.externalId]);
    expect((await expectRight(postgres.tasks.findBySource(organizationId, source(issues[2]!.externalId))))?.title).to.equal('Renamed in the tracker');
    const events = memory.domainEvents.published.filter((e) => e.change === 'updated');
    expect(events.map((e) => e.changedFields)).to.deep.equal([['title', 'externalUpdatedAt', 'sourceVersion']]);
  });

  it('refuses a second sync of a connection while one runs, and lets other connections sync', async () => {
    const id = await connect();
    const other = await connect('https://other.tracker.test');
    memory.issueSource.setIssues('https://other.tracker.test', [anIssue(101), anIssue(102)]);
    const gated = gatedIssueSource(memory.issueSource);
    const slow = { ...deps, providers: withIssueSource(deps.providers, 'tracker', gated.source) };
    const first = sync(id, undefined, slow)();
    await gated.entered;
    expect(await expectLeft(sync(id))).to.deep.equal({ _tag: 'SyncInProgress', connectionId: id });
    expect(await expectRight(sync(other))).to.include({ created: 2 });
    gated.open();
    expect(await first).to.have.nested.property('right.created', 7);
  });

  const failHalfWay = (crash: Crash) => async () => {
    const id = await connect();
    const failing = { ...deps, unitOfWork: failingTaskWrite(deps.unitOfWork, 2, crash) };
    const outcome = sync(id, undefined, failing)();
    // A crash (a throw) is a bug, but it still ends the run as a failure rather than leaving it running.
    const failure = await outcome;
    expect(failure).to.have.nested.property('left._tag', 'PersistenceFailure');
    if (crash === 'throw') expect(failure).to.have.nested.property('left.message').that.matches(/crash half-way/);
    const secondPage = issues.slice(3, 6).map((i) => i.externalId);
    expect(await countRows(orm, 'external_task_events', 'external_id in (?)', [secondPage])).to.equal(0);
    expect(await countRows(orm, 'external_tasks', 'external_id in (?)', [secondPage])).to.equal(0);
    expect([await countRows(orm, 'external_tasks'), await countRows(orm, 'external_task_events')]).to.deep.equal([3, 3]);
    // The rolled-back page left no event: the first page's three, and the failure.
    const created = "type = 'external_task.created'";
    expect([await countRows(orm, 'outbox_events', created), await countRows(orm, 'outbox_events', "type = 'connection.sync_failed'")]).to.deep.equal([3, 1]);
    const rerun = await expectRight(sync(id));
    expect(rerun).to.include({ status: 'succeeded', created: 4, skipped: 3 });
    expect([await countRows(orm, 'external_tasks'), await countRows(orm, 'external_task_events')]).to.deep.equal([7, 7]);
    expect(await countRows(orm, 'outbox_events', created)).to.equal(7);
  };

  it('keeps nothing of a page that fails half-way through its write, and the rerun completes', failHalfWay('left'));
  it('keeps nothing of a page whose write crashes half-way, and the rerun completes', failHalfWay('throw'));
});
