import { memorySyncQueue, runSyncsInline } from '../../adapters/memory/index.js';
import { expect } from 'chai';
import { aConnectionInput, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, left, right, type Harness, requester } from '../builders/harness.js';
import { anIssue, editedLater, trackerStatuses, someIssues } from '../builders/source-issue-builder.js';
import { sourceUnavailable, syncNow, type ExternalTask } from '../../core/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';

describe('syncNow', () => {
  let h: Harness;
  let connectionId: string;
  const tasks = (): ExternalTask[] => [...h.adapters.state.tasks.values()];
  const taskByKey = (key: string) => tasks().find((t) => t.key === key)!;

  beforeEach(async () => {
    h = createHarness({ pageSize: 3 });
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput()))).id;
  });

  it('creates a task per issue across pages and reports the counts', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(7));

    const report = await right(h.sync(ORG_A, connectionId));

    expect(report).to.include({ status: 'succeeded', mode: 'incremental', issuesProcessed: 7, created: 7, updated: 0, unchanged: 0, skipped: 0 });
    expect(h.adapters.issueSource.calls.map((c) => c.cursor)).to.deep.equal([null, '3', '6']);
    expect(tasks()).to.have.length(7);
    expect(taskByKey('PROJ-1')).to.include({ organizationId: ORG_A, externalSystem: 'tracker', site: 'acme.tracker.test', externalId: '10001', title: 'Issue number 1' });
    expect(taskByKey('PROJ-1').sourceVersion).to.equal(anIssue(1).version);
    expect(h.adapters.domainEvents.published.filter((e) => e.change === 'created')).to.have.length(7);
  });

  it('processes nothing again on an identical resync and changes no task', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(5));
    await right(h.sync(ORG_A, connectionId));
    const before = tasks().map((t) => ({ ...t }));
    const eventsBefore = h.adapters.domainEvents.published.length;
    h.adapters.clock.advance(60_000);

    const report = await right(h.sync(ORG_A, connectionId, { mode: 'full' }));

    expect(report).to.include({ issuesProcessed: 0, created: 0, updated: 0, unchanged: 0, skipped: 5 });
    expect(tasks()).to.deep.equal(before);
    expect(h.adapters.domainEvents.published).to.have.length(eventsBefore);
  });

  it('updates an issue that changed and publishes exactly one event saying what changed', async () => {
    const issues = someIssues(3);
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, issues);
    await right(h.sync(ORG_A, connectionId));
    const eventsBefore = h.adapters.domainEvents.published.length;
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [issues[0]!, editedLater(issues[1]!, { title: 'Renamed', ...trackerStatuses.done }), issues[2]!]);

    const report = await right(h.sync(ORG_A, connectionId));

    expect(report).to.include({ updated: 1, created: 0, issuesProcessed: 1 });
    const events = h.adapters.domainEvents.published.slice(eventsBefore);
    expect(events).to.have.length(1);
    expect(events[0]).to.deep.include({ type: 'external_task.updated', change: 'updated', organizationId: ORG_A });
    expect(events[0]!.changedFields).to.include.members(['title', 'status', 'rawStatus', 'externalUpdatedAt']);
    expect(events[0]!.changedFields).not.to.include('priority');
    expect(taskByKey('PROJ-2')).to.include({ title: 'Renamed', status: 'done', rawStatus: 'Closed' });
  });

  it('asks only for issues updated since the last watermark on an incremental run', async () => {
    const issues = someIssues(4);
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, issues);
    await right(h.sync(ORG_A, connectionId));
    const newest = issues[3]!.updatedAt;

    const connection = await right(h.getConnection(ORG_A, id(connectionId)));
    expect(connection.syncState).to.include({ cursor: newest.toISOString(), lastSyncStatus: 'succeeded' });

    await right(h.sync(ORG_A, connectionId));
    const last = h.adapters.issueSource.calls[h.adapters.issueSource.calls.length - 1]!;
    expect(last.query.updatedSince?.toISOString()).to.equal(newest.toISOString());

    await right(h.sync(ORG_A, connectionId, { mode: 'full' }));
    expect(h.adapters.issueSource.calls[h.adapters.issueSource.calls.length - 1]!.query.updatedSince).to.equal(null);
  });

  it('resolves the assignee through the user mappings by e-mail, then by external user id', async () => {
    await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'Ana@Acme.example', resourceId: 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11' }));
    await right(
      h.createUserMapping(requester(ORG_A), {
        externalSystem: 'tracker',
        externalEmail: 'hidden@acme.example',
        externalUserId: '5b10ac8d82e05b22cc7d4ef5',
        resourceId: 'b7e2d0b3-65b6-4b6d-8d1f-1e6c1c0e9b22',
      }),
    );
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [
      anIssue(1, { assigneeEmail: 'ANA@acme.example', assigneeExternalId: 'x-1' }),
      anIssue(2, { assigneeEmail: null, assigneeExternalId: '5b10ac8d82e05b22cc7d4ef5' }),
      anIssue(3, { assigneeEmail: 'stranger@acme.example', assigneeExternalId: 'x-3' }),
      anIssue(4),
    ]);

    await right(h.sync(ORG_A, connectionId));

    expect(taskByKey('PROJ-1')).to.include({ resourceId: 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11', assigneeEmail: 'ana@acme.example' });
    expect(taskByKey('PROJ-2')).to.include({ resourceId: 'b7e2d0b3-65b6-4b6d-8d1f-1e6c1c0e9b22', assigneeEmail: null });
    expect(taskByKey('PROJ-3')).to.include({ resourceId: null, assigneeEmail: 'stranger@acme.example' });
    expect(taskByKey('PROJ-4')).to.include({ resourceId: null, assigneeEmail: null });
  });

  it('maps status by category and priority by name, falling back to the defaults', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [
      anIssue(1, { ...trackerStatuses.inProgress, rawPriority: 'P1' }),
      anIssue(2, { rawStatus: 'Waiting for vendor', statusCategory: null, rawPriority: 'Blocker' }),
      anIssue(3, { rawStatus: null, statusCategory: null, rawPriority: null }),
    ]);

    await right(h.sync(ORG_A, connectionId));

    expect(taskByKey('PROJ-1')).to.include({ status: 'in_progress', priority: 'urgent' });
    expect(taskByKey('PROJ-2')).to.include({ status: 'backlog', rawStatus: 'Waiting for vendor', priority: 'medium', rawPriority: 'Blocker' });
    expect(taskByKey('PROJ-3')).to.include({ status: 'backlog', priority: 'medium' });
  });

  it('applies a connection status mapping by name before the category, and maps the project', async () => {
    await right(
      h.replaceMappings(requester(ORG_A), id(connectionId), {
        status: { 'Waiting for vendor': 'cancelled', 'category:open': 'backlog', default: 'todo' },
        priority: { blocker: 'urgent', default: 'low' },
        projects: [{ projectKey: 'PROJ', internalProjectId: 'internal-42' }],
      }),
    );
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [
      anIssue(1, { rawStatus: 'Waiting for vendor', statusCategory: 'active', rawPriority: 'Blocker' }),
      anIssue(2, { ...trackerStatuses.todo, rawPriority: 'P3' }),
    ]);

    await right(h.sync(ORG_A, connectionId));

    expect(taskByKey('PROJ-1')).to.include({ status: 'cancelled', priority: 'urgent', internalProjectId: 'internal-42' });
    expect(taskByKey('PROJ-2')).to.include({ status: 'backlog', priority: 'low' });
    expect(h.adapters.issueSource.calls[0]!.query.projectKeys).to.deep.equal([]);
  });

  it('reads only the projects of the connection\'s project scope, whatever its project mappings', async () => {
    await right(h.updateConnection(requester(ORG_A), id(connectionId), { projectScope: ['OPS'], projectMappings: [{ projectKey: 'PROJ', internalProjectId: 'internal-42' }] }));
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [anIssue(1), anIssue(2, { key: 'OPS-2', projectKey: 'OPS' })]);

    await right(h.sync(ORG_A, connectionId));

    expect(h.adapters.issueSource.calls[0]!.query.projectKeys).to.deep.equal(['OPS']);
    expect(tasks().map((t) => t.key)).to.deep.equal(['OPS-2']);
  });

  it("reads only what the connection's filter lets through, and changes what it reads when the filter changes", async () => {
    await right(h.updateConnection(requester(ORG_A), id(connectionId), { filter: 'OPS' }));
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [anIssue(1), anIssue(2, { key: 'OPS-2', projectKey: 'OPS' })]);

    expect(await right(h.sync(ORG_A, connectionId))).to.include({ created: 1 });
    expect(tasks().map((t) => t.key)).to.deep.equal(['OPS-2']);
    expect(h.adapters.issueSource.calls.map((c) => c.filter)).to.deep.equal(['OPS']);

    await right(h.updateConnection(requester(ORG_A), id(connectionId), { filter: null }));
    expect(await right(h.sync(ORG_A, connectionId, { mode: 'full' }))).to.include({ created: 1, skipped: 1 });
    expect(tasks().map((t) => t.key).sort()).to.deep.equal(['OPS-2', 'PROJ-1']);
  });

  it('refuses to sync a disabled connection', async () => {
    await right(h.updateConnection(requester(ORG_A), id(connectionId), { enabled: false }));
    expect(await left(h.sync(ORG_A, connectionId))).to.deep.equal({ _tag: 'ConnectionDisabled', connectionId });
    expect(h.adapters.issueSource.calls).to.have.length(0);
  });

  it('keeps the pages before a failure, records the failed run, and converges on the rerun', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(8));
    h.adapters.issueSource.failPage(1, sourceUnavailable('The tracker answered 502'));

    expect(await left(h.sync(ORG_A, connectionId))).to.deep.equal(sourceUnavailable('The tracker answered 502'));
    expect(tasks()).to.have.length(3);
    const afterFailure = await right(h.getConnection(ORG_A, id(connectionId)));
    expect(afterFailure.syncState).to.include({ cursor: null, lastSyncStatus: 'failed', lastSyncError: 'The tracker answered 502' });

    const rerun = await right(h.sync(ORG_A, connectionId));
    expect(rerun).to.include({ created: 5, skipped: 3 });
    expect(tasks()).to.have.length(8);
    const runs = await right(h.adapters.syncRuns.listForConnection(ORG_A, id(connectionId), 10));
    expect(runs.map((r) => r.status)).to.deep.equal(['succeeded', 'failed']);
  });

  it('refuses a second sync of the same connection while one runs', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(6));
    const [first, second] = await Promise.all([h.sync(ORG_A, connectionId)(), h.sync(ORG_A, connectionId)()]);
    const outcomes = [first, second].map((r) => (r._tag === 'Left' ? r.left._tag : 'ok'));
    expect(outcomes).to.have.members(['ok', 'SyncInProgress']);
  });

  it('never rolls a task back to an older version of its issue', async () => {
    const original = anIssue(1, { title: 'Old title' });
    const newer = editedLater(original, { title: 'New title' });
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [newer]);
    await right(h.sync(ORG_A, connectionId));
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [original]);

    const report = await right(h.sync(ORG_A, connectionId, { mode: 'full' }));

    expect(report).to.include({ unchanged: 1, updated: 0 });
    expect(taskByKey('PROJ-1').title).to.equal('New title');
  });

  it('closes the run as failed when an adapter throws instead of answering an error', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(2));
    const throwingSource = { ...h.adapters.issueSource, searchIssues: () => () => Promise.reject(new Error('socket hang up')) };
    const throwing = runSyncsInline({ ...h.adapters, syncQueue: memorySyncQueue(), providers: providerRegistry([{ ...h.adapters.provider, issues: throwingSource }]) });
    const error = await left(syncNow(throwing)({ organizationId: ORG_A, connectionId: id(connectionId) }));
    expect(error).to.deep.equal({ _tag: 'PersistenceFailure', message: 'The sync stopped unexpectedly: socket hang up' });
    const runs = await right(h.adapters.syncRuns.listForConnection(ORG_A, id(connectionId), 10));
    // Retried like any transient failure (three attempts by default), then closed as failed.
    expect(runs.map((r) => [r.status, r.error])).to.deep.equal([['failed', 'The sync stopped unexpectedly: socket hang up']]);
  });

  it('rejects unknown sync options', async () => {
    const error = await left(h.sync(ORG_A, connectionId, { mode: 'everything' }));
    expect(error._tag === 'InvalidInput' && error.details.map((d) => d.path)).to.deep.equal(['mode']);
  });
});
