import { expect } from 'chai';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

describe('HTTP /api/external-tasks', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  const b = tokenFor(ORG_B);
  let connectionId: string;

  before(async () => {
    api = await startTestApi();
    const created = await api.http.call('POST', '/api/integrations', {
      token: a,
      body: { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken },
    });
    connectionId = created.json.data.id;
    const sync = await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: a });
    expect(sync.status, sync.text).to.equal(200);
  });
  after(() => api.close());

  it('pages through every task with the cursor in meta', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=5' : `?limit=5&cursor=${encodeURIComponent(cursor)}`;
      const page = await api.http.call('GET', `/api/external-tasks${query}`, { token: a });
      expect(page.status).to.equal(200);
      seen.push(...page.json.data.map((t: { id: string }) => t.id));
      cursor = page.json.meta.nextCursor;
    } while (cursor !== null);
    expect(seen).to.have.length(api.jira.issueCount);
    expect(new Set(seen).size).to.equal(api.jira.issueCount);
  });

  it('filters by connection, source, status and project, and reads one task', async () => {
    const all = await api.http.call('GET', `/api/external-tasks?connectionId=${connectionId}&source=jira&limit=500`, { token: a });
    expect(all.json.data).to.have.length(api.jira.issueCount);
    const first = all.json.data[0];
    const byStatus = await api.http.call('GET', `/api/external-tasks?status=${first.status}&limit=500`, { token: a });
    expect(byStatus.json.data.every((t: { status: string }) => t.status === first.status)).to.equal(true);
    const byProject = await api.http.call('GET', `/api/external-tasks?projectKey=${first.projectKey}&limit=500`, { token: a });
    expect(byProject.json.data.every((t: { projectKey: string }) => t.projectKey === first.projectKey)).to.equal(true);

    const one = await api.http.call('GET', `/api/external-tasks/${first.id}`, { token: a });
    expect(one.json.data).to.include({ id: first.id, key: first.key, organizationId: ORG_A });
  });

  it("answers 404 for another organization's task and shows it nothing", async () => {
    const first = (await api.http.call('GET', '/api/external-tasks?limit=1', { token: a })).json.data[0];
    const foreign = await api.http.call('GET', `/api/external-tasks/${first.id}`, { token: b });
    expect([foreign.status, foreign.json.error.code]).to.deep.equal([404, 'task/not-found']);
    expect((await api.http.call('GET', '/api/external-tasks', { token: b })).json).to.deep.equal({ data: [], meta: { nextCursor: null } });
  });

  it('answers bad filters with 400 and the offending parameters', async () => {
    const response = await api.http.call('GET', '/api/external-tasks?status=open&limit=9999', { token: a });
    expect(response.status).to.equal(400);
    expect(response.json.error.details.map((d: { path: string }) => d.path)).to.have.members(['status', 'limit']);
  });
});
