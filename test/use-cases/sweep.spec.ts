import { expect } from 'chai';
import { aConnectionInput, TRACKER_API_TOKEN, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, left, right, type Harness, requester } from '../builders/harness.js';
import { anIssue, editedLater, someIssues } from '../builders/source-issue-builder.js';
import type { ExternalTask, SourceIssue } from '../../core/index.js';

describe('the reconciliation sweep', () => {
  let h: Harness;
  let connectionId: string;
  let issues: SourceIssue[];
  const task = (externalId: string): ExternalTask => [...h.adapters.state.tasks.values()].find((t) => t.externalId === externalId)!;
  const live = () => [...h.adapters.state.tasks.values()].filter((t) => t.deletedAt === null && t.outOfScopeAt === null);
  const track = (next: SourceIssue[]) => h.adapters.issueSource.setIssues(TRACKER_BASE_URL, (issues = next));

  beforeEach(async () => {
    h = createHarness({ pageSize: 3 });
    // The fake tracker's filter is a project: the connection syncs PROJ only.
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput({ filter: 'PROJ' })))).id;
    track(someIssues(8));
    await right(h.sync(ORG_A, connectionId));
    h.adapters.clock.advance(60_000);
  });

  it('marks deleted the tasks whose item is gone, and nothing else', async () => {
    const [gone, alsoGone] = [issues[2]!, issues[5]!];
    track(issues.filter((i) => i !== gone && i !== alsoGone));
    const report = await right(h.sync(ORG_A, connectionId, { mode: 'sweep' }));
    expect(report.sweep).to.deep.equal({ deleted: 2, outOfScope: 0, backInScope: 0 });
    expect(task(gone.externalId).deletedAt).to.deep.equal(h.adapters.clock.now());
    expect(live()).to.have.length(6);
    expect(h.adapters.domainEvents.published.filter((e) => e.type === 'external_task.deleted')).to.have.length(2);
    const deletions = [...h.adapters.state.outbox.values()].map((row) => row.event).filter((e) => e.type === 'external_task.deleted');
    expect(deletions.map((e) => e.taskId).sort()).to.deep.equal([task(gone.externalId).id, task(alsoGone.externalId).id].sort());
    expect(deletions[0]).to.deep.include({ cause: 'sync', connectionId });
  });

  it('marks out of scope, not deleted, an item moved out of the filter, with its new key and project; and brings it back', async () => {
    const moved = editedLater(issues[3]!, { projectKey: 'ELSEWHERE', key: 'ELSEWHERE-1' });
    track(issues.map((i) => (i === issues[3] ? moved : i)));
    expect((await right(h.sync(ORG_A, connectionId, { mode: 'sweep' }))).sweep).to.deep.equal({ deleted: 0, outOfScope: 1, backInScope: 0 });
    expect(task(moved.externalId)).to.deep.include({ key: 'ELSEWHERE-1', projectKey: 'ELSEWHERE', deletedAt: null, outOfScopeAt: h.adapters.clock.now() });
    track(issues.map((i) => (i.externalId === moved.externalId ? editedLater(moved, { projectKey: 'PROJ', key: 'PROJ-99' }) : i)));
    expect((await right(h.sync(ORG_A, connectionId, { mode: 'sweep' }))).sweep).to.include({ backInScope: 1 });
    expect(task(moved.externalId)).to.deep.include({ key: 'PROJ-99', outOfScopeAt: null });
    const told = [...h.adapters.state.outbox.values()].sort((a, b) => a.seq - b.seq).map((row) => row.event).filter((e) => e.taskId === task(moved.externalId).id);
    expect(told.map((e) => e.type)).to.deep.equal(['external_task.created', 'external_task.out_of_scope', 'external_task.updated']);
    expect(told[1]!.data.changes).to.deep.include({ outOfScopeAt: { before: null, after: h.adapters.clock.now().toISOString() } });
    expect((told[2]!.data.changes as Record<string, unknown>).outOfScopeAt).to.deep.equal({ before: h.adapters.clock.now().toISOString(), after: null });
  });

  it('marks nothing deleted when the tracker refuses the credentials, pauses the schedule, and the connection says why', async () => {
    h.adapters.issueSource.rejectToken(TRACKER_API_TOKEN);
    track([]);
    expect((await left(h.sync(ORG_A, connectionId, { mode: 'sweep' })))._tag).to.equal('SourceAuthRejected');
    expect(live()).to.have.length(8);
    const connection = await right(h.getConnection(ORG_A, connectionId as never));
    expect(connection.syncState).to.include({ lastSyncStatus: 'failed' });
    expect(connection.schedule.pausedReason).to.match(/rejected the credentials/);
  });

  it('marks nothing deleted on an empty walk it cannot vouch for (a revoked token answered anonymously)', async () => {
    h.adapters.issueSource.answerAnonymously(TRACKER_API_TOKEN);
    const error = await left(h.sync(ORG_A, connectionId, { mode: 'sweep' }));
    expect(error).to.deep.include({ _tag: 'SourceAuthRejected' });
    expect(error._tag === 'SourceAuthRejected' && error.message).to.match(/nothing was marked deleted/);
    expect(live()).to.have.length(8);
  });

  it('believes an empty walk once the credentials are confirmed: every item really is gone', async () => {
    track([]);
    expect((await right(h.sync(ORG_A, connectionId, { mode: 'sweep' }))).sweep).to.include({ deleted: 8 });
    expect(live()).to.have.length(0);
  });

  it('runs after a full re-read, so a full sync also finds deletions', async () => {
    const gone = issues[0]!;
    track([...issues.slice(1), anIssue(50)]);
    const report = await right(h.sync(ORG_A, connectionId, { mode: 'full' }));
    expect(report).to.deep.include({ created: 1, sweep: { deleted: 1, outOfScope: 0, backInScope: 0 } });
    expect(task(gone.externalId).deletedAt).to.not.equal(null);
  });
});
