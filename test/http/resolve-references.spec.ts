import { expect } from 'chai';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

describe('HTTP POST /api/external-tasks/resolve-references', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  const b = tokenFor(ORG_B);
  let tasks: Array<{ id: string; key: string }>;
  const task = (index: number) => tasks[index]!;
  const resolve = (body: unknown, token = a) => api.http.call('POST', '/api/external-tasks/resolve-references', { token, body });

  before(async () => {
    api = await startTestApi({ issues: 5 });
    const created = await api.http.call('POST', '/api/integrations', {
      token: a,
      body: { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken },
    });
    const sync = await api.http.call('POST', `/api/integrations/${created.json.data.id}/sync-now`, { token: a });
    expect(sync.status, sync.text).to.equal(200);
    tasks = (await api.http.call('GET', '/api/external-tasks?limit=500', { token: a })).json.data;
  });
  after(() => api.close());

  it("answers the keys of the title, then the branch, then the texts, each with the organization's task or null", async () => {
    const [first, second] = [task(0), task(1)];
    const response = await resolve({
      title: `${second.key}: keep UTF-8 names`,
      branch: `feature/${first.key}-names`,
      texts: [`Also ${second.key}`, 'refs NOPE-404'],
    });
    expect(response.status, response.text).to.equal(200);
    const references = response.json.data as Array<{ key: string; task: { id: string; key: string } | null; otherTaskIds: string[] }>;
    expect(references.map((r) => [r.key, r.task?.id ?? null, r.otherTaskIds])).to.deep.equal([
      [second.key, second.id, []],
      ['UTF-8', null, []],
      [first.key, first.id, []],
      ['NOPE-404', null, []],
    ]);
    expect(references[0]!.task).to.deep.include({ id: second.id, key: second.key, organizationId: ORG_A });
  });

  it('links nothing for another organization', async () => {
    const first = task(0);
    const response = await resolve({ title: first.key }, b);
    expect([response.status, response.json.data]).to.deep.equal([200, [{ key: first.key, task: null, otherTaskIds: [] }]]);
  });

  it('answers an empty body, or one with nothing to read, with a clear 400', async () => {
    for (const body of [undefined, {}, { title: '', branch: ' ' }]) {
      const response = await resolve(body);
      expect([response.status, response.json.error.code, response.json.error.details]).to.deep.equal([
        400,
        'validation/invalid-body',
        [{ path: '(root)', message: 'needs a non-empty title, branch or texts' }],
      ]);
      expect(response.json.error.message).to.match(/^Give a title, a branch name or texts to look for issue keys in/);
    }
  });

  it('refuses oversized fields and a smuggled organization', async () => {
    const tooLong = await resolve({ title: 'x'.repeat(1_001), texts: Array.from({ length: 101 }, () => 'a') });
    expect(tooLong.status).to.equal(400);
    expect(tooLong.json.error.details.map((d: { path: string }) => d.path)).to.have.members(['title', 'texts']);
    const smuggled = await resolve({ title: 'WEB-1', organizationId: ORG_B });
    expect([smuggled.status, smuggled.json.error.details[0].path]).to.deep.equal([400, 'organizationId']);
  });
});
