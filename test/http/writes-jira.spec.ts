import { expect } from 'chai';
import { OWN_WRITE_HOLD } from '../../core/index.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

const SECRET = 'whsec-jira-writes';
const BUG = '10003';
const TASK = '10002';
const DONE = '10002';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('HTTP: writing back to Jira (the simulator, over real HTTP)', () => {
  let api: TestApi;
  let connectionId: string;
  const a = tokenFor(ORG_A);
  const sim = () => api.jira.simulator;
  const admin = () => sim().accounts[0]!;

  before(async () => {
    api = await startTestApi({ issues: 6, latencyMs: 0 });
    connectionId = await createJiraConnection(api, ORG_A, SECRET);
    sim().webhooks.configure({ url: `${api.url}/api/webhooks/jira/${connectionId}`, secret: SECRET });
    expect((await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: a })).status).to.equal(200);
  });
  after(() => api.close());

  /** Everything the simulator sent so far, applied by the API. */
  const settle = async () => {
    await sim().webhooks.settled();
    await api.webhooks.drain();
  };
  const write = async (method: 'POST' | 'PATCH', path: string, body: Json, headers: Record<string, string> = {}): Promise<Json> => {
    const answer = await api.http.call(method, `${path}?wait=true`, { token: a, body, headers });
    expect(answer.status, answer.text).to.equal(202);
    return answer.json.data;
  };
  const create = (body: Json, headers?: Record<string, string>) => write('POST', '/api/external-tasks', { connectionId, projectKey: 'OPS', ...body }, headers);
  const patch = (taskId: string, body: Json) => write('PATCH', `/api/external-tasks/${taskId}`, body);
  const taskByKey = async (key: string): Promise<Json> => {
    const all = (await api.http.call('GET', '/api/external-tasks?limit=500', { token: a })).json.data as Json[];
    const found = all.filter((t) => t.key === key);
    expect(found, key).to.have.length(1);
    return found[0]!;
  };
  /** An issue made in Jira itself (its webhook applied), as its task. */
  const issueInJira = async (issueTypeId: string, statusId: string, summary: string) => {
    const issue = sim().store.create({ projectKey: 'OPS', issueTypeId, statusId, summary, reporterId: admin().accountId });
    await settle();
    return { issue, task: await taskByKey(issue.key) };
  };
  const markedIssues = (writeId: string) => sim().store.sorted().filter((i) => i.labels.includes(`taskport-${writeId}`));
  const updatedEventsOf = async (taskId: string) =>
    ((await api.http.call('GET', '/api/events?types=external_task.updated&limit=1000', { token: a })).json.data as Json[]).filter((e) => e.taskId === taskId).length;

  it('creates an issue with its fields, the marker label and the status, assigned by e-mail through the user search', async () => {
    const written = await create({ title: 'Made by the product', description: 'First line\nSecond line', priority: 'high', assigneeEmail: admin().email, dueDate: '2026-09-01', status: 'in_progress' });

    expect(written).to.deep.include({ status: 'succeeded', kind: 'create', attempts: 1, error: null });
    const issue = sim().store.find(written.result.key)!;
    expect(issue).to.deep.include({ summary: 'Made by the product', priorityId: '2', assigneeId: admin().accountId, dueDate: '2026-09-01', statusId: '3', issueTypeId: TASK });
    expect(issue.labels).to.deep.equal([`taskport-${written.writeId}`]);
    expect(await taskByKey(written.result.key)).to.deep.include({ title: 'Made by the product', description: 'First line\nSecond line', status: 'in_progress', rawStatus: 'In Progress', priority: 'high', dueDate: '2026-09-01' });
    expect(sim().requests.entries().some((r) => r.method === 'GET' && r.path === '/rest/api/3/user/search')).to.equal(true);
  });

  it('edits only the fields given, and clears a field given as null', async () => {
    const created = await create({ title: 'To be edited', dueDate: '2026-10-01', priority: 'low' });
    const task = await taskByKey(created.result.key);

    const written = await patch(task.id, { title: 'Edited by the product', dueDate: null });

    expect(written).to.deep.include({ status: 'succeeded', kind: 'update' });
    expect(sim().store.find(created.result.key)).to.deep.include({ summary: 'Edited by the product', dueDate: null, priorityId: '4' });
    expect(await taskByKey(created.result.key)).to.deep.include({ title: 'Edited by the product', dueDate: null, priority: 'low' });
  });

  it("moves the status through the transitions of the issue's own workflow, and names what a bug can reach when it cannot", async () => {
    const task = await issueInJira(TASK, DONE, 'A done task');
    const bug = await issueInJira(BUG, DONE, 'A done bug');

    const reopened = await patch(task.task.id, { status: 'in_progress' });
    const refused = await patch(bug.task.id, { status: 'in_progress' });

    expect(reopened).to.deep.include({ status: 'succeeded' });
    expect(await taskByKey(task.issue.key)).to.deep.include({ status: 'in_progress', rawStatus: 'In Progress' });
    expect(refused).to.deep.include({ status: 'failed', attempts: 1 });
    expect(refused.error).to.deep.include({ code: 'write/transition-unavailable', details: [{ path: 'status', message: 'can move to To Do' }] });
    expect(sim().store.find(bug.issue.key)!.statusId).to.equal(DONE);
  });

  it('fails a write to a field Jira changed since the product read it (tracker-wins), merging the fields nobody else changed', async () => {
    const { issue, task } = await issueInJira(TASK, '10000', 'The original title');
    const release = sim().webhooks.hold();
    sim().store.update(issue, { summary: 'Changed in Jira' });

    const conflict = await patch(task.id, { title: 'Changed by the product' });
    const merged = await patch(task.id, { dueDate: '2026-12-24' });
    release();
    await settle();

    expect(conflict).to.deep.include({ status: 'failed' });
    expect(conflict.error).to.deep.include({ code: 'write/conflict', conflicts: { title: { product: 'Changed by the product', tracker: 'Changed in Jira' } } });
    expect(merged).to.deep.include({ status: 'succeeded' });
    expect(sim().store.find(issue.key)).to.deep.include({ summary: 'Changed in Jira', dueDate: '2026-12-24' });
  });

  it('writes anyway under product-wins and records the overwritten field', async () => {
    const { issue, task } = await issueInJira(TASK, '10000', 'Another title');
    expect((await api.http.call('PATCH', `/api/integrations/${connectionId}`, { token: a, body: { writeConflictPolicy: 'product-wins' } })).status).to.equal(200);
    const release = sim().webhooks.hold();
    sim().store.update(issue, { summary: 'Changed in Jira again' });
    try {
      const written = await patch(task.id, { title: 'The product wins' });

      expect(written).to.deep.include({ status: 'succeeded' });
      expect(written.result.overwritten).to.deep.equal(['title']);
      expect(sim().store.find(issue.key)!.summary).to.equal('The product wins');
    } finally {
      release();
      await settle();
      await api.http.call('PATCH', `/api/integrations/${connectionId}`, { token: a, body: { writeConflictPolicy: 'tracker-wins' } });
    }
  });

  it("takes Jira's webhook for the write as the echo it is: no external_task.updated event", async () => {
    const { issue, task } = await issueInJira(TASK, '10000', 'Echo me');
    await api.events.drain();
    const before = await updatedEventsOf(task.id);
    const release = sim().webhooks.hold();

    const written = await patch(task.id, { title: 'Our own change', status: 'done' });
    const deliveries = sim().webhooks.deliveries().length;
    release();
    await settle();
    await api.events.drain();

    expect(written).to.deep.include({ status: 'succeeded' });
    const echoes = sim().webhooks.deliveries().slice(deliveries - 2);
    expect(echoes.map((d) => [d.issueKey, d.attempts.map((t) => t.status)])).to.deep.equal([[issue.key, [200]], [issue.key, [200]]]);
    expect(await updatedEventsOf(task.id)).to.equal(before);
    expect(await taskByKey(issue.key)).to.deep.include({ title: 'Our own change', status: 'done', sourceVersion: written.result.version });
  });

  /** Until the simulator shows what `check` looks for (a write out at the tracker is not awaited by its caller). */
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(check()).to.equal(true);
  };
  const pendingDeliveries = async () => {
    // This connection's only: the test database is shared with other suites, whose rows may be pending.
    const rows = await api.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ n: string }>>('select count(*) as n from webhook_inbox where connection_id = ? and completed_at is null and dead_lettered_at is null', [connectionId]);
    return Number(rows[0]?.n);
  };
  /** Events a product takes as news from the tracker about any task: a new one, or a change. */
  const taskEventCount = async () => ((await api.http.call('GET', '/api/events?types=external_task.created,external_task.updated&limit=1000', { token: a })).json.data as Json[]).length;
  /** Applies what earlier writes' echoes left postponed, so a test counts only its own deliveries. */
  const noDeliveryPending = async () => {
    for (let pass = 0; pass < 10 && (await pendingDeliveries()) > 0; pass += 1) {
      api.advanceClock(OWN_WRITE_HOLD.recheckMs);
      await api.webhooks.drain();
    }
    expect(await pendingDeliveries()).to.equal(0);
  };
  const writeOutcome = async (writeId: string): Promise<Json> => (await api.http.call('GET', `/api/writes/${writeId}?wait=true`, { token: a })).json.data;

  it("holds Jira's webhook that comes before the write's answer until the write settles, then takes it as the echo", async () => {
    const { issue, task } = await issueInJira(TASK, '10000', 'Echo before the answer');
    await noDeliveryPending();
    await api.events.drain();
    const before = await updatedEventsOf(task.id);
    const answer = sim().faults.delayNextAnswer('PUT', /^\/rest\/api\/3\/issue\/[^/]+$/);

    const queued = await api.http.call('PATCH', `/api/external-tasks/${task.id}`, { token: a, body: { title: 'Changed before the answer' } });
    expect(queued.status, queued.text).to.equal(202);
    await until(() => sim().store.find(issue.key)!.summary === 'Changed before the answer');
    await settle();
    await api.events.drain();

    // Jira's report of the change is recorded, but not applied while the write is out at the tracker.
    expect(await pendingDeliveries()).to.equal(1);
    expect(await taskByKey(issue.key)).to.deep.include({ title: 'Echo before the answer' });
    expect(await updatedEventsOf(task.id)).to.equal(before);

    answer();
    const written = await writeOutcome(queued.json.data.writeId);
    api.advanceClock(OWN_WRITE_HOLD.recheckMs);
    await api.webhooks.drain();
    await api.events.drain();

    expect(written).to.deep.include({ status: 'succeeded' });
    expect(await pendingDeliveries()).to.equal(0);
    expect(await updatedEventsOf(task.id)).to.equal(before);
    expect(await taskByKey(issue.key)).to.deep.include({ title: 'Changed before the answer', sourceVersion: written.result.version });
  });

  it("holds the webhook of an issue a create made before the create's answer, so the product hears of it only as its own write", async () => {
    await noDeliveryPending();
    await api.events.drain();
    const eventsBefore = await taskEventCount();
    const answer = sim().faults.delayNextAnswer('POST', /^\/rest\/api\/3\/issue$/);

    const queued = await api.http.call('POST', '/api/external-tasks', { token: a, body: { connectionId, projectKey: 'OPS', title: 'Created before the answer' } });
    expect(queued.status, queued.text).to.equal(202);
    await until(() => sim().store.sorted().some((i) => i.summary === 'Created before the answer'));
    await settle();
    expect(await pendingDeliveries()).to.equal(1);

    answer();
    const written = await writeOutcome(queued.json.data.writeId);
    api.advanceClock(OWN_WRITE_HOLD.recheckMs);
    await api.webhooks.drain();
    await api.events.drain();

    expect(written).to.deep.include({ status: 'succeeded' });
    expect(await pendingDeliveries()).to.equal(0);
    expect(await taskEventCount()).to.equal(eventsBefore);
    expect(await taskByKey(written.result.key)).to.deep.include({ title: 'Created before the answer', sourceVersion: written.result.version });
  });

  it('finds the issue a create made when its answer was lost, instead of making a second one', async () => {
    sim().faults.loseNextAnswer('POST', /\/rest\/api\/3\/issue$/);

    const written = await create({ title: 'Answer lost on the way' });
    await settle();

    expect(written).to.deep.include({ status: 'succeeded', attempts: 2, retries: 1 });
    expect(markedIssues(written.writeId).map((i) => i.key)).to.deep.equal([written.result.key]);
    expect(sim().store.sorted().filter((i) => i.summary === 'Answer lost on the way')).to.have.length(1);
    expect(sim().requests.entries().filter((r) => r.fault === 'lost-answer')).to.have.length(1);
    await taskByKey(written.result.key);
  });

  it('answers a replayed Idempotency-Key with the same write, which made one issue', async () => {
    const creates = () => sim().requests.entries().filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue').length;
    const before = creates();
    const headers = { 'idempotency-key': 'jira-once' };

    const first = await create({ title: 'Exactly once' }, headers);
    const again = await create({ title: 'Exactly once' }, headers);

    expect(again.writeId).to.equal(first.writeId);
    expect(again).to.deep.include({ status: 'succeeded' });
    expect(creates() - before).to.equal(1);
    expect(markedIssues(first.writeId)).to.have.length(1);
  });

  it("fails at once as write/rejected with Jira's field errors, under the write API's names", async () => {
    const task = await taskByKey(sim().store.sorted()[0]!.key);

    const unknownUser = await patch(task.id, { assigneeExternalId: '712020:nobody' });
    const noProject = await create({ projectKey: 'NOPE', title: 'Nowhere' });
    const unknownEmail = await patch(task.id, { assigneeEmail: 'stranger@elsewhere.test' });

    expect(unknownUser).to.deep.include({ status: 'failed', attempts: 1, retries: 0 });
    expect(unknownUser.error).to.deep.include({ code: 'write/rejected', details: [{ path: 'assignee', message: "User '712020:nobody' cannot be assigned issues." }] });
    expect(noProject.error).to.deep.include({ code: 'write/rejected', details: [{ path: 'projectKey', message: 'Specify a valid project ID or key' }] });
    expect(unknownEmail.error).to.deep.include({ code: 'write/rejected', details: [{ path: 'assignee', message: 'no Jira user has this e-mail' }] });
  });
});
