import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { countRows } from '../support/table-rows.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

const SECRET = 'whsec-servicenow-end-to-end';
const AUTH = `Basic ${Buffer.from('taskport.integration:simulator-password').toString('base64')}`;

describe('ServiceNow business-rule webhooks into the API, end to end', () => {
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
  beforeEach(() => sim().webhooks.configure({ encoding: 'base64', includeRecord: true, deliveryIds: true }));

  const sn = () => api.servicenow!;
  const sim = () => sn().simulator;
  const task = async (externalId: string) => {
    const all = (await api.http.call('GET', '/api/external-tasks?includeDeleted=true&limit=500', { token: a })).json.data as Array<Record<string, unknown>>;
    return all.find((t) => t.externalId === externalId);
  };
  /** A change made in the instance through its Table API; its business rule posts to the API, which applies it. */
  const inInstance = async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${sn().baseUrl}/api/now/table/${path}`, {
      method,
      headers: { authorization: AUTH, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(answer.status).to.be.oneOf([200, 201, 204]);
    await sim().webhooks.settled();
    await api.webhooks.drain();
    return answer.status === 204 ? undefined : ((await answer.json()) as { result: Record<string, string> }).result;
  };
  const lastAttempts = () => sim().webhooks.deliveries().at(-1)!.attempts.map((t) => t.status);
  const incident = () => sim().store.all('incident').find((r) => r.state === '1' || r.state === '2')!;

  it('applies an edit, a state change and a deletion of a record, each signed in base64 with the record carried', async () => {
    const record = incident();
    await inInstance('PATCH', `incident/${record.sys_id}`, { short_description: 'Edited in ServiceNow' });
    expect(await task(record.sys_id!)).to.include({ title: 'Edited in ServiceNow', rawStatus: `incident:${record.state}` });
    await inInstance('PATCH', `incident/${record.sys_id}`, { state: '6' });
    expect(await task(record.sys_id!)).to.include({ status: 'done', rawStatus: 'incident:6', sourceVersion: sim().store.get('incident', record.sys_id!)!.sys_mod_count });
    await inInstance('DELETE', `incident/${record.sys_id}`);
    expect((await task(record.sys_id!))?.deletedAt).to.be.a('string');
    expect(sim().webhooks.deliveries().slice(-3).flatMap((d) => d.attempts.map((t) => t.status))).to.deep.equal([200, 200, 200]);
  });

  it('creates the task of a new catalog task, and fetches the record when the delivery carries none (hex signature, no delivery id)', async () => {
    const created = await inInstance('POST', 'sc_task', { short_description: 'Born in ServiceNow', state: '1', priority: '1' });
    expect(await task(created!.sys_id!)).to.include({ title: 'Born in ServiceNow', key: created!.number, status: 'todo', priority: 'urgent' });
    sim().webhooks.configure({ includeRecord: false, encoding: 'hex', deliveryIds: false });
    await inInstance('PATCH', `sc_task/${created!.sys_id}`, { short_description: 'Fetched by sys_id' });
    expect(lastAttempts()).to.deep.equal([200]);
    expect(await task(created!.sys_id!)).to.include({ title: 'Fetched by sys_id' });
  });

  it('answers a resent delivery as a duplicate, keyed by the change when no delivery id is sent', async () => {
    sim().webhooks.configure({ deliveryIds: false });
    const record = incident();
    await inInstance('PATCH', `incident/${record.sys_id}`, { short_description: 'Once only' });
    const applied = await countRows(api.orm, 'external_task_events', "kind = 'webhook'");
    const delivery = sim().webhooks.deliveries().at(-1)!;
    expect((await sim().webhooks.resend(delivery.id)).status).to.equal(200);
    await api.webhooks.drain();
    expect(await countRows(api.orm, 'external_task_events', "kind = 'webhook'")).to.equal(applied);
  });

  it('refuses a wrong signature with 401 and changes nothing, then takes the same change signed right', async () => {
    const record = incident();
    sim().webhooks.signNextWithWrongSecret();
    await inInstance('PATCH', `incident/${record.sys_id}`, { short_description: 'Forged' });
    expect(lastAttempts()).to.deep.equal([401]);
    expect(await task(record.sys_id!)).to.not.include({ title: 'Forged' });
    expect((await sim().webhooks.resend(sim().webhooks.deliveries().at(-1)!.id)).status).to.equal(200);
    await api.webhooks.drain();
    expect(await task(record.sys_id!)).to.include({ title: 'Forged' });
  });

  it('drops a stale version: an earlier sys_mod_count of the same second never rolls the task back', async () => {
    const record = incident();
    const current = (await inInstance('PATCH', `incident/${record.sys_id}`, { short_description: 'Newest' }))!;
    const stale = JSON.stringify({
      table: 'incident',
      sys_id: record.sys_id,
      operation: 'update',
      sys_mod_count: String(Number(current.sys_mod_count) - 1),
      occurred_at: current.sys_updated_on,
      record: { ...current, short_description: 'Older edit', sys_mod_count: String(Number(current.sys_mod_count) - 1), 'assigned_to.email': '', 'assignment_group.name': '' },
    });
    const signature = createHmac('sha256', SECRET).update(stale).digest('base64');
    const answer = await api.http.call('POST', `/api/webhooks/servicenow/${connectionId}`, { rawBody: stale, headers: { 'content-type': 'application/json', 'x-servicenow-signature': signature } });
    expect(answer.json.data).to.deep.include({ outcome: 'accepted' });
    await api.webhooks.drain();
    expect(await task(record.sys_id!)).to.include({ title: 'Newest' });
  });
});
