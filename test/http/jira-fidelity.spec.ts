import { expect } from 'chai';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

// Issue 16 over the API: a configuration error is a 422 naming the setting, not a 502 outage
// (tenable/integration-jira-cloud#25), and a 429 Jira sent without Retry-After (JRACLOUD-82801)
// still reaches the API's caller with one.
describe('HTTP: Jira refusals as the API answers them', () => {
  let api: TestApi;
  const waits: number[] = [];
  const a = tokenFor(ORG_A);
  before(async () => {
    api = await startTestApi({ issues: 6, latencyMs: 0, jira: { sleep: async (ms) => void waits.push(ms), random: () => 0.5 } });
  });
  after(() => api.close());
  beforeEach(() => {
    waits.length = 0;
    api.jira.simulator.faults.reset();
  });
  const create = (body: Record<string, unknown>) =>
    api.http.call('POST', '/api/integrations', { token: a, body: { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken, ...body } });

  it('refuses to save a connection whose projects or filter Jira does not have, with 422 integration/invalid-filter naming them', async () => {
    const projects = await create({ projectScope: ['OPS', 'NOPE'] });
    expect([projects.status, projects.json.error.code, projects.json.error.details]).to.deep.equal([
      422,
      'integration/invalid-filter',
      [{ path: 'projectScope', message: 'names the project NOPE, which does not exist or which the account cannot see' }],
    ]);
    const filter = await create({ jqlFilter: 'project = GONE' });
    expect([filter.status, filter.json.error.details[0].path]).to.deep.equal([422, 'jqlFilter']);
    expect((await api.http.call('GET', '/api/integrations', { token: a })).json.data).to.deep.equal([]);
  });

  it('answers a sync of projects that have gone since with 422 naming them, and its test says so too', async () => {
    const id = await createJiraConnection(api, ORG_A, undefined, { projectScope: ['OPS'] });
    expect((await api.http.call('PATCH', `/api/integrations/${id}`, { token: a, body: { projectScope: ['GONE'] } })).status).to.equal(422);
    // A project that went after it was saved (or that an upgrade carried over from the project mappings).
    await api.orm.em.fork().execute(`update integration_connections set project_scope = '["GONE"]' where id = ?`, [id]);
    const sync = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'full' } });
    expect([sync.status, sync.json.error.code]).to.deep.equal([422, 'integration/invalid-filter']);
    expect(sync.json.error.message).to.include('Jira has no project GONE');
    const tested = (await api.http.call('POST', `/api/integrations/${id}/test`, { token: a })).json.data;
    expect(tested.connected).to.equal(false);
    expect(tested.message).to.include('GONE');
    await api.http.call('DELETE', `/api/integrations/${id}`, { token: a });
  });

  it('passes a Retry-After on with its 429 when Jira answered 429 with an HTML body and no hint, after backing off for minutes', async () => {
    const id = await createJiraConnection(api, ORG_A);
    api.jira.simulator.faults.set({ silentRateLimitEvery: 1 });
    const sync = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a });
    expect([sync.status, sync.json.error.code, sync.headers.get('retry-after')]).to.deep.equal([429, 'integration/rate-limited', '60']);
    // The client's backoff within the first attempt; the queue then retries the run (and waits out the pause).
    // Waits are what is left of the site's pause when the client looks, so a millisecond may have gone.
    expect(waits.slice(0, 3).map((ms) => Math.round(ms / 100) * 100)).to.deep.equal([7_500, 15_000, 30_000]);
    await api.http.call('DELETE', `/api/integrations/${id}`, { token: a });
  });
});
