import { expect } from 'chai';
import type { OutboxEvent } from '../../../core/index.js';
import { aConnectionInput, TRACKER_BASE_URL } from '../../builders/connection-input-builder.js';
import { ORG_A, ORG_B, createHarness, left, requester, right, type Harness } from '../../builders/harness.js';
import { editedLater, someIssues } from '../../builders/source-issue-builder.js';
import { failingTaskWrite } from '../../support/sync-faults.js';
import { bindUseCases, sourceUnavailable } from '../../../core/index.js';
import { version, webhookHarness } from '../webhooks/webhook-harness.js';

/** Every event the outbox holds, in the order written. */
const outbox = (h: Harness): OutboxEvent[] => [...h.adapters.state.outbox.values()].sort((a, b) => a.seq - b.seq).map((row) => row.event);

describe('the transactional outbox', () => {
  let h: Harness;
  let connectionId: string;
  beforeEach(async () => {
    h = createHarness({ pageSize: 3 });
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput()))).id;
  });

  it('holds exactly one external_task.created per issue of a sync, and the sync_succeeded that closes it', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(7));
    const report = await right(h.sync(ORG_A, connectionId));
    const events = outbox(h);
    expect(events.filter((e) => e.type === 'external_task.created')).to.have.length(7);
    expect(events.map((e) => e.type).at(-1)).to.equal('connection.sync_succeeded');
    expect(events).to.have.length(8);
    const tasks = [...h.adapters.state.tasks.values()];
    expect(new Set(events.slice(0, 7).map((e) => e.taskId))).to.deep.equal(new Set(tasks.map((t) => t.id)));
    expect(events[0]).to.deep.include({ organizationId: ORG_A, cause: 'sync', connectionId });
    expect(events[0]!.data.task).to.include({ key: 'PROJ-1', title: 'Issue number 1', status: tasks[0]!.status });
    expect(events[0]!.data.task).not.to.have.property('sourceData');
    expect(events.at(-1)!.data).to.deep.include({ runId: report.runId, status: 'succeeded', counts: { issuesProcessed: 7, created: 7, updated: 0, unchanged: 0, skipped: 0, quarantined: 0 } });
    expect(new Set(events.map((e) => e.id)).size).to.equal(8);
  });

  it('tells what changed in an update, before and after, and nothing of an identical resync', async () => {
    const issues = someIssues(2);
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, issues);
    await right(h.sync(ORG_A, connectionId));
    const before = outbox(h).length;
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [issues[0]!, editedLater(issues[1]!, { title: 'Renamed' })]);
    await right(h.sync(ORG_A, connectionId, { mode: 'full' }));
    const [updated, closed] = outbox(h).slice(before);
    expect(updated).to.deep.include({ type: 'external_task.updated', cause: 'sync' });
    expect(updated!.data.changedFields).to.deep.equal(['title', 'externalUpdatedAt', 'sourceVersion']);
    expect(Object.keys(updated!.data.changes as object)).to.deep.equal(['title', 'externalUpdatedAt', 'sourceVersion']);
    expect(updated!.data.changes).to.deep.include({ title: { before: 'Issue number 2', after: 'Renamed' } });
    expect(closed!.type).to.equal('connection.sync_succeeded');
    await right(h.sync(ORG_A, connectionId, { mode: 'full' }));
    expect(outbox(h).slice(before + 2).map((e) => e.type)).to.deep.equal(['connection.sync_succeeded']);
  });

  it('holds no event of a page that was rolled back, and says the sync failed', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(7));
    const failing = bindUseCases({ ...h.adapters, unitOfWork: failingTaskWrite(h.adapters.unitOfWork, 2, 'left') });
    // The queue's worker runs the sync with the failing unit of work too.
    h.adapters.syncQueue.attach(failing.runSyncJob, h.adapters.syncRuns);
    await left(failing.syncNow({ organizationId: ORG_A, connectionId: connectionId as never }));
    const events = outbox(h);
    expect(events.filter((e) => e.type === 'external_task.created').map((e) => e.data.task)).to.have.length(3);
    expect(events.map((e) => e.type).at(-1)).to.equal('connection.sync_failed');
    expect(new Set([...h.adapters.state.tasks.values()].map((t) => t.id))).to.deep.equal(new Set(events.flatMap((e) => (e.taskId === null ? [] : [e.taskId]))));
  });

  it('says a sync failed with the reason, without any secret', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(2));
    h.adapters.issueSource.failPage(0, sourceUnavailable('The tracker is down'));
    await left(h.sync(ORG_A, connectionId));
    const failed = outbox(h).at(-1)!;
    expect(failed).to.deep.include({ type: 'connection.sync_failed', connectionId, taskId: null });
    expect(failed.data).to.deep.include({ status: 'failed', error: 'The tracker is down' });
    expect(JSON.stringify(outbox(h))).not.to.contain(aConnectionInput().apiToken as string);
  });

  it("keeps each organization's events its own", async () => {
    const other = (await right(h.createConnection(requester(ORG_B), aConnectionInput()))).id;
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(2));
    await right(h.sync(ORG_B, other));
    expect(outbox(h).every((e) => e.organizationId === ORG_B)).to.equal(true);
    expect((await right(h.listEvents(ORG_A, {}))).items).to.deep.equal([]);
  });
});

describe('the outbox of webhook deliveries', () => {
  it('holds the changes a delivery made, caused by the webhook: an upsert and a deletion', async () => {
    const w = await webhookHarness();
    await right(w.send(w.upsert(version(1, 0))));
    await w.drain();
    await right(w.send(w.deletion('10001', new Date(Date.UTC(2026, 0, 1, 10, 0)))));
    await w.drain();
    const events = outbox(w.h);
    expect(events.map((e) => [e.type, e.cause])).to.deep.equal([
      ['external_task.created', 'webhook'],
      ['external_task.deleted', 'webhook'],
    ]);
    expect(events[1]!.data.changes).to.deep.include({ deletedAt: { before: null, after: '2026-01-01T10:00:00.000Z' } });
  });
});
