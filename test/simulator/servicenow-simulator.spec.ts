import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { SIMULATOR_SERVICENOW_CLIENT, startServiceNowSimulator, type ServiceNowSimulator } from '../../apps/simulator/servicenow/index.js';

const AUTH = `Basic ${Buffer.from('taskport.integration:simulator-password').toString('base64')}`;

describe('ServiceNow simulator', () => {
  let sim: ServiceNowSimulator;
  before(async () => {
    sim = await startServiceNowSimulator({ incidents: 12, tasks: 2 });
  });
  after(() => sim.close());

  const list = async (table: string, params: Record<string, string>, authorization = AUTH) => {
    const url = new URL(`${sim.url}/api/now/table/${table}`);
    Object.entries(params).forEach(([k, v]) => url.searchParams.set(k, v));
    const response = await fetch(url, { headers: { authorization, accept: 'application/json' } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { result: Array<Record<string, unknown>>; error?: Record<string, unknown> } };
  };
  const numbers = (body: { result: Array<Record<string, unknown>> }) => body.result.map((r) => r.number);

  it('drops conditions on fields the table does not have, as the real instance does, and reads ^OR and ^NQ', async () => {
    const all = await list('incident', { sysparm_fields: 'number' });
    expect((await list('incident', { sysparm_query: 'assigment_group=nothing', sysparm_fields: 'number' })).body).to.deep.equal(all.body);
    const [one, two] = sim.store.all('incident');
    const either = await list('incident', { sysparm_query: `number=${one!.number}^ORnumber=${two!.number}`, sysparm_fields: 'number' });
    expect(numbers(either.body)).to.deep.equal([one!.number, two!.number]);
    const groups = await list('incident', { sysparm_query: `number=${one!.number}^priority=9^NQnumber=${two!.number}`, sysparm_fields: 'number' });
    expect(numbers(groups.body)).to.deep.equal([two!.number]);
  });

  it('pages with Link (absolute, next only where there is more) and X-Total-Count, and refuses a negative offset', async () => {
    const first = await list('incident', { sysparm_limit: '5', sysparm_fields: 'number' });
    expect(first.headers.get('x-total-count')).to.equal('12');
    expect(first.headers.get('link')).to.match(/<http:\/\/[^>]+sysparm_offset=5[^>]*>;rel="next"/);
    const last = await list('incident', { sysparm_limit: '5', sysparm_offset: '10', sysparm_fields: 'number' });
    expect(last.headers.get('link')).to.not.match(/rel="next"/);
    expect((await list('incident', { sysparm_fields: 'number' })).headers.get('link')).to.equal(null);
    const negative = await list('incident', { sysparm_offset: '-1' });
    expect(negative.status).to.equal(400);
    expect(negative.body.error).to.deep.equal({ message: 'offset is -1', detail: 'Negative offset is not supported' });
  });

  it('cuts a page before the ACLs hide rows, so it comes back short with more after it', async () => {
    sim.acl.hide(sim.store.all('incident').slice(0, 3).map((r) => r.sys_id!));
    const page = await list('incident', { sysparm_limit: '5', sysparm_query: 'ORDERBYnumber', sysparm_fields: 'number' });
    sim.acl.reset();
    expect(page.body.result).to.have.length(2);
    expect(page.headers.get('x-total-count')).to.equal('12');
    expect(page.headers.get('link')).to.match(/rel="next"/);
  });

  it('writes references as { link, value } unless asked not to, and dot-walks fields', async () => {
    const record = sim.store.all('incident').find((r) => r.assigned_to !== '')!;
    const params = { sysparm_query: `sys_id=${record.sys_id}`, sysparm_fields: 'assigned_to,assigned_to.email' };
    const linked = (await list('incident', params)).body.result[0]!;
    expect(linked.assigned_to).to.deep.equal({ link: `${sim.url}/api/now/table/sys_user/${record.assigned_to}`, value: record.assigned_to });
    expect(linked['assigned_to.email']).to.equal(sim.store.get('sys_user', record.assigned_to!)!.email);
    expect((await list('incident', { ...params, sysparm_exclude_reference_link: 'true' })).body.result[0]!.assigned_to).to.equal(record.assigned_to);
  });

  it('refuses Basic auth of an account that needs MFA with X-MFA_TOKEN: invalid, and unknown credentials without it', async () => {
    const mfa = await list('incident', {}, `Basic ${Buffer.from('mfa.person:simulator-password').toString('base64')}`);
    expect([mfa.status, mfa.headers.get('x-mfa_token')]).to.deep.equal([401, 'invalid']);
    const wrong = await list('incident', {}, `Basic ${Buffer.from('taskport.integration:nope').toString('base64')}`);
    expect([wrong.status, wrong.headers.get('x-mfa_token'), wrong.body.error]).to.deep.equal([401, null, { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }]);
  });

  it('issues tokens form-encoded only, and refreshes without rotating the refresh token', async () => {
    const token = (body: Record<string, string>, json = false) =>
      fetch(`${sim.url}/oauth_token.do`, {
        method: 'POST',
        headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
        body: json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
      });
    const credentials = { client_id: SIMULATOR_SERVICENOW_CLIENT.clientId, client_secret: SIMULATOR_SERVICENOW_CLIENT.clientSecret, username: 'taskport.integration', password: 'simulator-password' };
    expect((await token({ grant_type: 'password', ...credentials }, true)).status).to.equal(401);
    const granted = (await (await token({ grant_type: 'password', ...credentials })).json()) as Record<string, unknown>;
    expect(granted).to.deep.include({ token_type: 'Bearer', scope: 'useraccount', expires_in: 1799 });
    const refresh = { grant_type: 'refresh_token', client_id: credentials.client_id, client_secret: credentials.client_secret, refresh_token: String(granted.refresh_token) };
    const first = (await (await token(refresh)).json()) as Record<string, unknown>;
    const second = (await (await token(refresh)).json()) as Record<string, unknown>;
    expect([first.refresh_token, typeof second.access_token]).to.deep.equal([undefined, 'string']);
    const bearer = await list('incident', { sysparm_limit: '1' }, `Bearer ${String(second.access_token)}`);
    expect(bearer.status).to.equal(200);
  });

  it('posts a signed business-rule delivery, with the record, on every change of a synced table', async () => {
    const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => (received.push({ headers: req.headers, body }), res.end('{}')));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      sim.webhooks.configure({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: 'br-secret' });
      const record = sim.store.all('sc_task')[0]!;
      sim.store.update('sc_task', record.sys_id!, { state: '3' });
      sim.store.update('sys_user_group', sim.store.all('sys_user_group')[0]!.sys_id!, { description: 'not a synced table' });
      await sim.webhooks.settled();
      expect(received).to.have.length(1);
      const [delivery] = received;
      expect(delivery!.headers['x-servicenow-signature']).to.equal(createHmac('sha256', 'br-secret').update(delivery!.body).digest('base64'));
      const body = JSON.parse(delivery!.body) as Record<string, unknown> & { record: Record<string, string> };
      expect(body).to.deep.include({ table: 'sc_task', sys_id: record.sys_id, operation: 'update', sys_mod_count: String(Number(record.sys_mod_count) + 1) });
      expect(body.record).to.deep.include({ state: '3', 'assignment_group.name': sim.store.get('sys_user_group', record.assignment_group!)?.name ?? '' });
    } finally {
      sim.webhooks.configure({ url: null });
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
