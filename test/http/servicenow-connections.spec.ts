import { expect } from 'chai';
import { storedCiphertexts, startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

describe('ServiceNow connections over HTTP', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  before(async () => {
    api = await startTestApi({ issues: 2, latencyMs: 0, servicenow: { incidents: 9, tasks: 4 } });
  });
  after(() => api.close());

  const sn = () => api.servicenow!;
  const connect = (body: Record<string, unknown>, token = a) =>
    api.http.call('POST', '/api/integrations', { token, body: { type: 'servicenow', baseUrl: sn().baseUrl, username: sn().username, password: sn().password, ...body } });

  it('is in the catalogue, with its auth modes and fields (secret ones marked)', async () => {
    const providers = (await api.http.call('GET', '/api/providers', { token: a })).json.data as Array<Record<string, unknown>>;
    const servicenow = providers.find((p) => p.name === 'servicenow') as {
      authModes: string[];
      fields: Array<{ name: string; secret: boolean }>;
      oauth: { available: boolean; siteIdField: string; startFields: Array<{ name: string; secret: boolean }> };
    };
    expect(servicenow.authModes).to.deep.equal(['basic', 'oauth2']);
    expect(servicenow.fields.filter((f) => f.secret).map((f) => f.name)).to.include.members(['password', 'clientSecret']);
    expect(servicenow.oauth).to.deep.include({ available: true, siteIdField: 'instance' });
    expect(servicenow.oauth.startFields.map((f) => `${f.name}${f.secret ? ' (secret)' : ''}`)).to.deep.equal(['baseUrl', 'clientId', 'clientSecret (secret)', 'tables', 'filter']);
  });

  it('connects with a user name and password: tables default to incident, the site is the instance host, the password never shows', async () => {
    const created = await connect({ name: 'Service desk' });
    expect(created.status, created.text).to.equal(201);
    expect(created.json.data).to.deep.include({ provider: 'servicenow', username: sn().username, tables: ['incident'], filter: null, hasPassword: true, site: new URL(sn().baseUrl).host });
    expect(created.text).to.not.include(sn().password);
    for (const secret of await storedCiphertexts(api.orm)) expect(api.http.seen.join('\n')).to.not.include(secret);
    const test = await api.http.call('POST', `/api/integrations/${created.json.data.id}/test`, { token: a });
    expect(test.json.data).to.deep.equal({ connected: true, message: 'Connected as Taskport Integration (taskport.integration); reads incident' });
    expect((await api.http.call('DELETE', `/api/integrations/${created.json.data.id}`, { token: a })).status).to.equal(204);
  });

  it('refuses tables outside the five, fields of the other auth mode, and a filter naming a field the instance lacks', async () => {
    const tables = await connect({ tables: ['incident', 'cmdb_ci'] });
    expect(tables.status).to.equal(400);
    expect(tables.json.error.details).to.deep.include({ path: 'tables.1', message: 'must be one of incident, sc_task, sc_req_item, problem, change_request' });
    const oauthField = await connect({ clientId: 'abc' });
    expect(oauthField.json.error.details).to.deep.equal([{ path: 'clientId', message: 'is not an allowed field' }]);
    const typo = await connect({ tables: ['incident', 'sc_task'], filter: 'active=true^assigment_group.name=Network' });
    expect(typo.status).to.equal(422);
    expect(typo.json.error.code).to.equal('integration/invalid-filter');
    expect(typo.json.error.details[0]).to.deep.equal({
      path: 'filter',
      message: "names the field 'assigment_group.name', which incident does not have: ServiceNow would ignore that condition and match every row",
    });
    const group = await connect({ projectScope: ['Network', 'Netwrok'] });
    expect(group.status, group.text).to.equal(422);
    expect(group.json.error.details).to.deep.equal([{ path: 'projectScope', message: 'names the assignment group Netwrok, which the instance does not have or the account cannot read' }]);
  });

  it('says an account that needs MFA cannot be used for API access', async () => {
    const created = await connect({ username: 'mfa.person', password: 'simulator-password' });
    const test = await api.http.call('POST', `/api/integrations/${created.json.data.id}/test`, { token: a });
    expect(test.json.data.connected).to.equal(false);
    expect(test.json.data.message).to.match(/requires multi-factor authentication/);
    await api.http.call('DELETE', `/api/integrations/${created.json.data.id}`, { token: a });
  });

  it('syncs incidents and catalog tasks, mapping each table’s states, and checks a changed filter', async () => {
    const created = await connect({ tables: ['incident', 'sc_task'], filter: 'active=true' });
    expect(created.status, created.text).to.equal(201);
    const id = created.json.data.id as string;
    const report = (await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'full' } })).json.data;
    const active = ['incident', 'sc_task'].flatMap((table) => sn().simulator.store.all(table).filter((r) => r.active === 'true'));
    expect(report).to.deep.include({ status: 'succeeded', created: active.length });
    const tasks = (await api.http.call('GET', `/api/external-tasks?connectionId=${id}&limit=100`, { token: a })).json.data as Array<Record<string, string>>;
    const defaults: Record<string, Record<string, string>> = {
      incident: { '1': 'todo', '2': 'in_progress', '3': 'in_progress', '6': 'done', '7': 'done', '8': 'cancelled' },
      task: { '-5': 'todo', '1': 'todo', '2': 'in_progress', '3': 'done', '4': 'cancelled', '7': 'cancelled' },
    };
    expect(tasks.map((t) => t.rawStatus?.split(':')[0]).sort()).to.include.members(['incident', 'sc_task']);
    for (const task of tasks) {
      const [table, state] = task.rawStatus!.split(':') as [string, string];
      expect(task.status, task.rawStatus).to.equal(defaults[table === 'incident' ? 'incident' : 'task']![state]);
    }
    expect(tasks.every((t) => t.url!.startsWith(`${sn().baseUrl}/nav_to.do?uri=`))).to.equal(true);

    const refused = await api.http.call('PATCH', `/api/integrations/${id}`, { token: a, body: { filter: 'activ=true' } });
    expect(refused.status).to.equal(422);
    expect(refused.json.error.details[0].path).to.equal('filter');
    const changed = await api.http.call('PATCH', `/api/integrations/${id}`, { token: a, body: { filter: null, tables: ['problem'] } });
    expect(changed.json.data).to.deep.include({ filter: null, tables: ['problem'] });
  });

  it('maps one table’s state on its own, over its family’s default', async () => {
    const b = tokenFor(ORG_B);
    const created = await connect({ tables: ['problem'] }, b);
    const id = created.json.data.id as string;
    const mappings = (await api.http.call('GET', `/api/integrations/${id}/mappings`, { token: b })).json.data;
    const put = await api.http.call('PUT', `/api/integrations/${id}/mappings`, { token: b, body: { ...mappings, status: { ...mappings.status, 'problem:4': 'done' } } });
    expect(put.status, put.text).to.equal(200);
    await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: b, body: { mode: 'full' } });
    const tasks = (await api.http.call('GET', `/api/external-tasks?connectionId=${id}&limit=100`, { token: b })).json.data as Array<Record<string, string>>;
    const statusOf = (raw: string) => [...new Set(tasks.filter((t) => t.rawStatus === raw).map((t) => t.status))];
    expect(statusOf('problem:4')).to.deep.equal(tasks.some((t) => t.rawStatus === 'problem:4') ? ['done'] : []);
    expect(statusOf('problem:7')).to.deep.equal(tasks.some((t) => t.rawStatus === 'problem:7') ? ['cancelled'] : []);
    expect(tasks.some((t) => t.rawStatus === 'problem:4')).to.equal(true);
  });
});
