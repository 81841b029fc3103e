import { expect } from 'chai';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

const SECRET = 'whsec-servicenow-writes';
const AUTH = `Basic ${Buffer.from('taskport.integration:simulator-password').toString('base64')}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('HTTP: writing back to ServiceNow (the simulated instance, over real HTTP)', () => {
  let api: TestApi;
  let connectionId: string;
  const a = tokenFor(ORG_A);

  before(async () => {
    api = await startTestApi({ issues: 2, latencyMs: 0, servicenow: { incidents: 6, tasks: 3 } });
    const created = await api.http.call('POST', '/api/integrations', {
      token: a,
      body: { type: 'servicenow', baseUrl: sn().baseUrl, username: sn().username, password: sn().password, tables: ['incident', 'sc_task'], webhookSecret: SECRET },
    });
    expect(created.status, created.text).to.equal(201);
    connectionId = created.json.data.id;
    sim().webhooks.configure({ url: `${api.url}/api/webhooks/servicenow/${connectionId}`, secret: SECRET });
    expect((await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: a })).status).to.equal(200);
  });
  after(() => api.close());

  const sn = () => api.servicenow!;
  const sim = () => sn().simulator;
  /** Settles what the instance's business rule sent (each delivery applied by the API). */
  const settleWebhooks = async () => {
    await sim().webhooks.settled();
    await api.webhooks.drain();
  };
  /** A write through the API, waited for, once the instance's webhooks for it are applied too. */
  const write = async (method: 'POST' | 'PATCH', path: string, body: Json, headers: Record<string, string> = {}): Promise<Json> => {
    const answer = await api.http.call(method, `${path}?wait=true`, { token: a, body, headers });
    expect(answer.status, answer.text).to.equal(202);
    await settleWebhooks();
    return answer.json.data as Json;
  };
  const create = (body: Json, headers?: Record<string, string>) => write('POST', '/api/external-tasks', { connectionId, ...body }, headers);
  const tasks = async (): Promise<Json[]> => (await api.http.call('GET', '/api/external-tasks?limit=500', { token: a })).json.data as Json[];
  const taskOf = async (externalId: string) => (await tasks()).find((t) => t.externalId === externalId)!;
  const record = (table: string, sysId: string) => sim().store.get(table, sysId)!;
  /** A change made in the instance by someone else; `quietly` keeps its business rule from telling taskport. */
  const inInstance = async (table: string, sysId: string, fields: Json, quietly = false) => {
    const url = sim().webhooks.settings().url;
    if (quietly) sim().webhooks.configure({ url: null });
    const answer = await fetch(`${sn().baseUrl}/api/now/table/${table}/${sysId}`, {
      method: 'PATCH',
      headers: { authorization: AUTH, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    });
    expect(answer.status).to.equal(200);
    sim().webhooks.configure({ url });
    await settleWebhooks();
  };
  const openIncident = async () => (await create({ projectKey: 'incident', title: 'Opened for a test', status: 'todo' })).result.externalId as string;
  const updatedEvents = async () => {
    await api.events.drain();
    return (await api.http.call('GET', '/api/events?types=external_task.updated&limit=1000', { token: a })).json.data.length as number;
  };
  const user = () => sim().store.all('sys_user').find((u) => u.email?.endsWith('@example.com') && u.user_name !== 'taskport.integration')!;

  it('creates an incident in an assignment group: priority through impact and urgency, the assignee by e-mail, the status, the marker in correlation_id', async () => {
    const written = await create({ projectKey: 'Network', title: 'Made in ServiceNow by taskport', description: 'From the product', priority: 'high', assigneeEmail: user().email, dueDate: '2026-03-02', status: 'in_progress' });

    expect(written).to.deep.include({ status: 'succeeded', kind: 'create', attempts: 1 });
    const made = record('incident', written.result.externalId);
    const group = sim().store.all('sys_user_group').find((g) => g.name === 'Network')!;
    expect(made).to.include({ short_description: 'Made in ServiceNow by taskport', impact: '1', urgency: '2', priority: '2', state: '2', assigned_to: user().sys_id, assignment_group: group.sys_id, due_date: '2026-03-02 00:00:00', correlation_id: `taskport-${String(written.id)}` });
    expect(await taskOf(made.sys_id!)).to.deep.include({ title: 'Made in ServiceNow by taskport', key: made.number, status: 'in_progress', priority: 'high', projectKey: 'Network', assigneeEmail: user().email, dueDate: '2026-03-02', sourceVersion: made.sys_mod_count });
  });

  it('creates a catalog task where the project names the table, its priority written directly (sc_task does not derive it)', async () => {
    const written = await create({ projectKey: 'sc_task', title: 'A catalog task', priority: 'urgent' });
    const made = record('sc_task', written.result.externalId);
    expect(made).to.include({ priority: '1', impact: '', short_description: 'A catalog task' });
    expect(written.result.key).to.match(/^SCTASK\d+$/);
  });

  it('edits fields: only those given are sent, a cleared one is emptied, and the task holds the new version at once', async () => {
    const id = await openIncident();
    await inInstance('incident', id, { description: 'Kept as it is' });
    const written = await write('PATCH', `/api/external-tasks/${(await taskOf(id)).id}`, { title: 'Renamed from the product', dueDate: '2026-05-01', assigneeEmail: null });

    expect(written).to.deep.include({ status: 'succeeded', kind: 'update' });
    expect(record('incident', id)).to.include({ short_description: 'Renamed from the product', description: 'Kept as it is', due_date: '2026-05-01 00:00:00', assigned_to: '' });
    expect(await taskOf(id)).to.deep.include({ title: 'Renamed from the product', dueDate: '2026-05-01', assigneeEmail: null, sourceVersion: record('incident', id).sys_mod_count });
  });

  it("changes the status to a state code of the item's own table: done is Resolved (6) for an incident, Closed Complete (3) for a catalog task", async () => {
    const incident = await openIncident();
    const catalogTask = (await create({ projectKey: 'sc_task', title: 'To close' })).result.externalId as string;

    await write('PATCH', `/api/external-tasks/${(await taskOf(incident)).id}`, { status: 'done' });
    expect(record('incident', incident).state).to.equal('6');
    await write('PATCH', `/api/external-tasks/${(await taskOf(catalogTask)).id}`, { status: 'done' });
    await write('PATCH', `/api/external-tasks/${(await taskOf(incident)).id}`, { status: 'cancelled' });

    expect([record('incident', incident).state, record('sc_task', catalogTask).state]).to.deep.equal(['8', '3']);
    expect(await taskOf(catalogTask)).to.deep.include({ status: 'done', rawStatus: 'sc_task:3' });
    expect(await taskOf(incident)).to.deep.include({ status: 'cancelled', rawStatus: 'incident:8' });
  });

  it('fails a write to a field changed in the instance since as write/conflict with both values (tracker-wins), and merges the fields nobody else changed', async () => {
    const id = await openIncident();
    await inInstance('incident', id, { short_description: 'Changed in ServiceNow' }, true);
    const taskId = (await taskOf(id)).id as string;

    const refused = await write('PATCH', `/api/external-tasks/${taskId}`, { title: 'Changed in the product' });
    expect(refused).to.deep.include({ status: 'failed' });
    expect(refused.error).to.deep.include({ code: 'write/conflict', conflicts: { title: { product: 'Changed in the product', tracker: 'Changed in ServiceNow' } } });
    expect(record('incident', id).short_description).to.equal('Changed in ServiceNow');

    const merged = await write('PATCH', `/api/external-tasks/${taskId}`, { description: 'Only the product touched this' });
    expect(merged).to.deep.include({ status: 'succeeded' });
    expect(record('incident', id)).to.include({ short_description: 'Changed in ServiceNow', description: 'Only the product touched this' });
  });

  it('writes over the instance change under product-wins, recording the field in result.overwritten', async () => {
    expect((await api.http.call('PATCH', `/api/integrations/${connectionId}`, { token: a, body: { writeConflictPolicy: 'product-wins' } })).status).to.equal(200);
    try {
      const id = await openIncident();
      await inInstance('incident', id, { short_description: 'Changed in ServiceNow' }, true);

      const written = await write('PATCH', `/api/external-tasks/${(await taskOf(id)).id}`, { title: 'The product wins' });

      expect(written).to.deep.include({ status: 'succeeded' });
      expect(written.result.overwritten).to.deep.equal(['title']);
      expect(record('incident', id).short_description).to.equal('The product wins');
    } finally {
      await api.http.call('PATCH', `/api/integrations/${connectionId}`, { token: a, body: { writeConflictPolicy: 'tracker-wins' } });
    }
  });

  it("takes the business rule's webhook for taskport's own change as its echo: no external_task.updated, while someone else's change makes one", async () => {
    const id = await openIncident();
    const before = await updatedEvents();
    const deliveries = sim().webhooks.deliveries().length;

    await write('PATCH', `/api/external-tasks/${(await taskOf(id)).id}`, { title: 'Echoed back', priority: 'low' });

    const echoes = sim().webhooks.deliveries().slice(deliveries);
    expect(echoes.map((d) => [d.sysId, d.attempts.map((t) => t.status)])).to.deep.equal([[id, [200]]]);
    expect(await updatedEvents()).to.equal(before);
    expect(await taskOf(id)).to.deep.include({ title: 'Echoed back', priority: 'low', sourceVersion: record('incident', id).sys_mod_count });

    await inInstance('incident', id, { short_description: 'Changed by someone in ServiceNow' });
    expect(await updatedEvents()).to.equal(before + 1);
  });

  it('makes one record when a create is retried after its answer was lost: the retry finds it by correlation_id', async () => {
    sim().lostAnswers.loseNext();

    const written = await create({ projectKey: 'incident', title: 'Answer lost once' });

    expect(written).to.deep.include({ status: 'succeeded', attempts: 2, retries: 1 });
    const made = sim().store.all('incident').filter((r) => r.short_description === 'Answer lost once');
    expect(made.map((r) => [r.sys_id, r.correlation_id])).to.deep.equal([[written.result.externalId, `taskport-${String(written.id)}`]]);
  });

  it('answers a replayed Idempotency-Key with the same write: one create reaches the instance', async () => {
    const posts = () => sim().requests.entries().filter((r) => r.method === 'POST' && r.table === 'incident').length;
    const before = posts();
    const first = await create({ projectKey: 'incident', title: 'Exactly once' }, { 'idempotency-key': 'sn-once' });
    const again = await create({ projectKey: 'incident', title: 'Exactly once' }, { 'idempotency-key': 'sn-once' });

    expect(again.id).to.equal(first.id);
    expect(posts()).to.equal(before + 1);
    expect(sim().store.all('incident').filter((r) => r.short_description === 'Exactly once')).to.have.length(1);
  });

  it("fails at once as write/rejected with the instance's field errors, and on an e-mail the instance does not know", async () => {
    const tooLong = await create({ projectKey: 'incident', title: 'x'.repeat(200) });
    expect(tooLong).to.deep.include({ status: 'failed', attempts: 1 });
    expect(tooLong.error).to.deep.include({ code: 'write/rejected', details: [{ path: 'title', message: 'short_description: must be at most 160 characters' }] });

    const nobody = await create({ projectKey: 'incident', title: 'For nobody', assigneeEmail: 'nobody@example.org' });
    expect(nobody).to.deep.include({ status: 'failed', attempts: 1 });
    expect(nobody.error.code).to.equal('write/rejected');
    expect(nobody.error.details.map((d: Json) => d.path)).to.deep.equal(['assignee']);
  });
});
