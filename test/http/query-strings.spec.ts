import { expect } from 'chai';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

describe('HTTP query strings and validation messages', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  let connectionId: string;
  const get = (path: string) => api.http.call('GET', path, { token: a });

  before(async () => {
    api = await startTestApi({ issues: 3 });
    const created = await api.http.call('POST', '/api/integrations', {
      token: a,
      body: { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken },
    });
    connectionId = created.json.data.id;
    for (let i = 0; i < 3; i += 1) expect((await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: a })).status).to.equal(200);
  });
  after(() => api.close());

  it('says which values a closed field allows, in the query and in a body', async () => {
    const query = await get('/api/external-tasks?status=open');
    expect(query.json.error.details).to.deep.equal([{ path: 'status', message: 'must be one of backlog, todo, in_progress, done, cancelled' }]);
    const body = await api.http.call('PUT', `/api/integrations/${connectionId}/mappings`, {
      token: a,
      body: { status: { 'To Do': 'started' }, priority: 'high' },
    });
    expect(body.json.error).to.deep.include({ code: 'validation/invalid-body' });
    expect(body.json.error.details).to.deep.include.members([
      { path: 'status.To Do', message: 'must be one of backlog, todo, in_progress, done, cancelled' },
      { path: 'priority', message: 'must be an object whose values are each one of low, medium, high, urgent' },
    ]);
  });

  it('answers a bad query with validation/invalid-query, never invalid-body', async () => {
    for (const path of ['/api/external-tasks?limit=0', `/api/integrations/${connectionId}/sync-runs?limit=many`, '/api/external-tasks?cursor=garbage']) {
      const response = await get(path);
      expect([response.status, response.json.error.code], path).to.deep.equal([400, 'validation/invalid-query']);
    }
  });

  it('refuses an unknown query parameter alike on every route, and honours sync-runs ?limit', async () => {
    const taskId = (await get('/api/external-tasks?limit=1')).json.data[0].id as string;
    const routes = [
      '/api/integrations',
      `/api/integrations/${connectionId}`,
      `/api/integrations/${connectionId}/sync-runs`,
      `/api/integrations/${connectionId}/mappings`,
      '/api/external-tasks',
      `/api/external-tasks/${taskId}`,
      '/api/external-user-mappings',
    ];
    for (const route of routes) {
      const response = await get(`${route}?colour=blue`);
      expect([response.status, response.json.error?.code, response.json.error?.details], route).to.deep.equal([
        400,
        'validation/invalid-query',
        [{ path: 'colour', message: 'is not an allowed field' }],
      ]);
    }
    expect((await get(`/api/integrations/${connectionId}/sync-runs?limit=2`)).json.data).to.have.length(2);
    expect((await get(`/api/integrations/${connectionId}/sync-runs`)).json.data).to.have.length(3);
  });
});
