import Router, { type RouterContext } from '@koa/router';
import { expect } from 'chai';
import { principalOf, requireWorkspaceModule } from '../../adapters/http/index.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

/** Routes of a product embedding taskport, guarded by taskport's modules. */
const productRouter = () => {
  const router = new Router({ prefix: '/api/workspaces/:workspaceId/reports' });
  const answer = (ctx: RouterContext) => {
    ctx.body = { data: { workspaceId: ctx.params.workspaceId, organizationId: principalOf(ctx).organizationId } };
  };
  router.get('/', requireWorkspaceModule('integrations.jira'), answer);
  router.post('/', requireWorkspaceModule('integrations.jira'), answer);
  router.get('/billing', requireWorkspaceModule('billing'), answer);
  return router;
};

describe('HTTP /api/workspaces/:workspaceId/modules and the module guard', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  const b = tokenFor(ORG_B);
  const call = (method: string, path: string, options: Parameters<TestApi['http']['call']>[2] = {}) => api.http.call(method, path, { token: a, ...options });
  const switchModule = async (workspaceId: string, moduleKey: string, enabled: boolean, token = a) => {
    const response = await call('PATCH', `/api/workspaces/${workspaceId}/modules/${moduleKey}`, { token, body: { enabled } });
    expect(response.status, response.text).to.equal(200);
  };
  const codeOf = (response: { status: number; json: { error?: { code: string } } }) => [response.status, response.json?.error?.code];

  before(async () => {
    api = await startTestApi({ productRouters: [productRouter()] });
    const created = await call('POST', '/api/integrations', {
      body: { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken },
    });
    const sync = await call('POST', `/api/integrations/${created.json.data.id}/sync-now`);
    expect(sync.status, sync.text).to.equal(200);
  });
  after(() => api.close());

  it('lists every known module with its default for a workspace never switched', async () => {
    const response = await call('GET', '/api/workspaces/ws-list/modules');
    expect(response.status).to.equal(200);
    expect(response.json.data.map((m: { key: string }) => m.key)).to.deep.equal([
      'integrations',
      'integrations.jira',
      'integrations.connectwise',
      'external-tasks',
    ]);
    expect(response.json.data[1]).to.deep.equal({
      key: 'integrations.jira',
      workspaceId: 'ws-list',
      enabled: true,
      defaultEnabled: true,
      config: {},
      updatedAt: null,
    });
  });

  it('switches a module per workspace and organization, keeping its config until replaced', async () => {
    const patched = await call('PATCH', '/api/workspaces/ws-switch/modules/integrations.jira', { body: { enabled: false, config: { projects: ['WEB'] } } });
    expect(patched.status, patched.text).to.equal(200);
    expect(patched.json.data).to.deep.include({ key: 'integrations.jira', workspaceId: 'ws-switch', enabled: false, config: { projects: ['WEB'] } });
    expect(Date.parse(patched.json.data.updatedAt)).to.be.a('number').and.not.NaN;
    await switchModule('ws-switch', 'integrations.jira', true);
    const one = await call('GET', '/api/workspaces/ws-switch/modules/integrations.jira');
    expect(one.json.data).to.deep.include({ enabled: true, config: { projects: ['WEB'] } });

    await switchModule('ws-switch', 'external-tasks', false, b);
    const listed = await call('GET', '/api/workspaces/ws-switch/modules');
    expect(listed.json.data.find((m: { key: string }) => m.key === 'external-tasks')).to.deep.include({ enabled: true, updatedAt: null });
    const elsewhere = await call('GET', '/api/workspaces/ws-other/modules/integrations.jira');
    expect(elsewhere.json.data).to.deep.include({ enabled: true, config: {}, updatedAt: null });
    const theirs = await call('GET', '/api/workspaces/ws-switch/modules/integrations.jira', { token: b });
    expect(theirs.json.data).to.deep.include({ enabled: true, updatedAt: null });
  });

  it('answers an unknown module key with 404 module/not-found, never a 400 or a default', async () => {
    for (const key of ['billing', 'integrations.github', 'Integrations', 'integrations.jira.extra']) {
      expect(codeOf(await call('GET', `/api/workspaces/ws-1/modules/${key}`))).to.deep.equal([404, 'module/not-found']);
      expect(codeOf(await call('PATCH', `/api/workspaces/ws-1/modules/${key}`, { body: { enabled: true } }))).to.deep.equal([404, 'module/not-found']);
      expect(codeOf(await call('PATCH', `/api/workspaces/ws-1/modules/${key}`, { body: { on: 'yes' } }))).to.deep.equal([404, 'module/not-found']);
    }
    expect(codeOf(await call('GET', '/api/workspaces/ws-1/reports/billing'))).to.deep.equal([404, 'module/not-found']);
  });

  it('refuses a malformed workspace id or body with 400 and the offending field', async () => {
    const badWorkspace = await call('GET', `/api/workspaces/${encodeURIComponent('a b')}/modules`);
    expect(codeOf(badWorkspace)).to.deep.equal([400, 'validation/invalid-body']);
    expect(badWorkspace.json.error.details).to.deep.equal([{ path: 'workspaceId', message: 'must be 1 to 100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit' }]);
    const badBody = await call('PATCH', '/api/workspaces/ws-1/modules/integrations', { body: { enabled: 'no', config: [1], extra: 1 } });
    expect(codeOf(badBody)).to.deep.equal([400, 'validation/invalid-body']);
    expect(badBody.json.error.details.map((d: { path: string }) => d.path)).to.have.members(['enabled', 'config', 'extra']);
    const tooBig = await call('PATCH', '/api/workspaces/ws-1/modules/integrations', { body: { enabled: true, config: { blob: 'x'.repeat(20_000) } } });
    expect(codeOf(tooBig)).to.deep.equal([400, 'validation/invalid-body']);
  });

  it('serves the workspace task list like the organization one, until the workspace switches external-tasks off', async () => {
    const query = '?limit=3&source=jira';
    const organizationWide = await call('GET', `/api/external-tasks${query}`);
    const page = await call('GET', `/api/workspaces/ws-tasks/external-tasks${query}`);
    expect(page.status, page.text).to.equal(200);
    expect(page.json).to.deep.equal(organizationWide.json);
    const cursor = encodeURIComponent(page.json.meta.nextCursor);
    const next = await call('GET', `/api/workspaces/ws-tasks/external-tasks${query}&cursor=${cursor}`);
    expect(next.json).to.deep.equal((await call('GET', `/api/external-tasks${query}&cursor=${cursor}`)).json);
    expect(codeOf(await call('GET', '/api/workspaces/ws-tasks/external-tasks?status=open'))).to.deep.equal([400, 'validation/invalid-query']);

    await switchModule('ws-tasks', 'external-tasks', false);
    expect(codeOf(await call('GET', `/api/workspaces/ws-tasks/external-tasks${query}`))).to.deep.equal([404, 'module/disabled']);
    expect((await call('GET', `/api/workspaces/ws-tasks-2/external-tasks${query}`)).status).to.equal(200);
    const otherOrganization = await call('GET', '/api/workspaces/ws-tasks/external-tasks', { token: b });
    expect([otherOrganization.status, otherOrganization.json.data]).to.deep.equal([200, []]);
  });

  it('guards by the route workspace only: a workspace id in the query, the body or a header changes nothing', async () => {
    await switchModule('ws-closed', 'integrations.jira', false);
    await switchModule('ws-closed', 'external-tasks', false);
    const smuggled = { headers: { 'x-workspace-id': 'ws-open', 'workspace-id': 'ws-open' } };
    expect(codeOf(await call('GET', '/api/workspaces/ws-closed/reports?workspaceId=ws-open', smuggled))).to.deep.equal([404, 'module/disabled']);
    expect(codeOf(await call('POST', '/api/workspaces/ws-closed/reports', { ...smuggled, body: { workspaceId: 'ws-open' } }))).to.deep.equal([404, 'module/disabled']);
    expect(codeOf(await call('GET', '/api/workspaces/ws-closed/external-tasks?workspaceId=ws-open', smuggled))).to.deep.equal([404, 'module/disabled']);

    const open = await call('POST', '/api/workspaces/ws-open/reports?workspaceId=ws-closed', {
      headers: { 'x-workspace-id': 'ws-closed' },
      body: { workspaceId: 'ws-closed' },
    });
    expect([open.status, open.json.data]).to.deep.equal([200, { workspaceId: 'ws-open', organizationId: ORG_A }]);
    // The task list takes no workspace filter: one in its query is refused like any unknown filter, never used.
    const listed = await call('GET', '/api/workspaces/ws-open/external-tasks?workspaceId=ws-closed');
    expect(codeOf(listed)).to.deep.equal([400, 'validation/invalid-query']);
    expect(listed.json.error.details).to.deep.equal([{ path: 'workspaceId', message: 'is not an allowed field' }]);
  });

  it('keeps organizations apart on guarded routes: one switching a workspace off closes it for that organization only', async () => {
    await switchModule('ws-shared', 'integrations.jira', false, b);
    expect(codeOf(await call('GET', '/api/workspaces/ws-shared/reports', { token: b }))).to.deep.equal([404, 'module/disabled']);
    const own = await call('GET', '/api/workspaces/ws-shared/reports');
    expect([own.status, own.json.data]).to.deep.equal([200, { workspaceId: 'ws-shared', organizationId: ORG_A }]);
  });

  it('needs the bearer token like every other /api route', async () => {
    expect(codeOf(await api.http.call('GET', '/api/workspaces/ws-1/modules'))).to.deep.equal([401, 'auth/unauthorized']);
    expect(codeOf(await api.http.call('GET', '/api/workspaces/ws-1/reports'))).to.deep.equal([401, 'auth/unauthorized']);
  });
});
