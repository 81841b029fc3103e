import { expect } from 'chai';
import { startTestApi, storedCiphertexts, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

const WEBHOOK_SECRET = 'whsec-integration-spec-secret';

describe('HTTP /api/integrations', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  const b = tokenFor(ORG_B);
  const body = () => ({ type: 'jira', name: 'Acme', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken, webhookSecret: WEBHOOK_SECRET });

  before(async () => {
    api = await startTestApi();
  });
  after(() => api.close());

  const create = async (token = a, overrides: Record<string, unknown> = {}) => {
    const response = await api.http.call('POST', '/api/integrations', { token, body: { ...body(), ...overrides } });
    expect(response.status, response.text).to.equal(201);
    return response.json.data as { id: string };
  };
  const cleanUp = async () => {
    for (const token of [a, b]) {
      const list = await api.http.call('GET', '/api/integrations', { token });
      for (const c of list.json.data) await api.http.call('DELETE', `/api/integrations/${c.id}`, { token });
    }
  };
  afterEach(cleanUp);

  it('creates, lists, reads, updates and deletes a connection', async () => {
    const created = await api.http.call('POST', '/api/integrations', { token: a, body: body() });
    expect(created.status).to.equal(201);
    expect(created.json.data).to.include({ provider: 'jira', name: 'Acme', baseUrl: api.jira.baseUrl, hasApiToken: true, hasWebhookSecret: true, enabled: true });
    const id = created.json.data.id;

    expect((await api.http.call('GET', '/api/integrations', { token: a })).json.data.map((c: { id: string }) => c.id)).to.deep.equal([id]);
    expect((await api.http.call('GET', `/api/integrations/${id}`, { token: a })).json.data.id).to.equal(id);

    const patched = await api.http.call('PATCH', `/api/integrations/${id}`, { token: a, body: { enabled: false, jqlFilter: 'labels = x' } });
    expect(patched.status).to.equal(200);
    expect(patched.json.data).to.include({ enabled: false, jqlFilter: 'labels = x' });

    const deleted = await api.http.call('DELETE', `/api/integrations/${id}`, { token: a });
    expect(deleted.status).to.equal(204);
    expect(deleted.text).to.equal('');
    expect((await api.http.call('GET', `/api/integrations/${id}`, { token: a })).status).to.equal(404);
  });

  it('tests the connection without syncing', async () => {
    const { id } = await create();
    const response = await api.http.call('POST', `/api/integrations/${id}/test`, { token: a });
    expect(response.status).to.equal(200);
    expect(response.json.data.connected).to.equal(true);
    expect(response.json.data.message).to.match(/^Connected as /);
    expect((await api.http.call('GET', '/api/external-tasks', { token: a })).json.data).to.deep.equal([]);
  });

  it('syncs now, records the run, and a second sync processes nothing again', async () => {
    const { id } = await create();
    const first = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a });
    expect(first.status, first.text).to.equal(200);
    expect(first.json.data).to.include({ status: 'succeeded', created: api.jira.issueCount, issuesProcessed: api.jira.issueCount });

    const second = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'full' } });
    expect(second.json.data).to.include({ created: 0, updated: 0, issuesProcessed: 0, skipped: api.jira.issueCount });

    const runs = await api.http.call('GET', `/api/integrations/${id}/sync-runs`, { token: a });
    expect(runs.json.data.map((r: { status: string; mode: string }) => [r.status, r.mode])).to.deep.equal([
      ['succeeded', 'full'],
      ['succeeded', 'incremental'],
    ]);
  });

  it('reads and replaces mappings, refusing to drop a default', async () => {
    const { id } = await create();
    const mappings = await api.http.call('GET', `/api/integrations/${id}/mappings`, { token: a });
    expect(mappings.json.data.status.default).to.equal('backlog');

    const replaced = await api.http.call('PUT', `/api/integrations/${id}/mappings`, {
      token: a,
      body: { status: { Blocked: 'todo', default: 'todo' }, priority: { default: 'low' }, projects: [{ projectKey: 'PROJ' }] },
    });
    expect(replaced.status).to.equal(200);
    expect(replaced.json.data.projects).to.deep.equal([{ projectKey: 'PROJ', internalProjectId: null }]);

    const refused = await api.http.call('PUT', `/api/integrations/${id}/mappings`, { token: a, body: { status: { Blocked: 'todo' }, priority: { default: 'low' } } });
    expect(refused.status).to.equal(400);
    expect(refused.json.error).to.deep.include({ code: 'validation/invalid-body', details: [{ path: 'status.default', message: 'the default mapping cannot be removed' }] });
  });

  it('refuses a duplicate connection with 409', async () => {
    await create();
    const again = await api.http.call('POST', '/api/integrations', { token: a, body: body() });
    expect(again.status).to.equal(409);
    expect(again.json.error.code).to.equal('integration/already-exists');
  });

  it('answers invalid bodies with 400 and the offending fields', async () => {
    const response = await api.http.call('POST', '/api/integrations', { token: a, body: { type: 'jira', baseUrl: 'nope', email: 'x' } });
    expect(response.status).to.equal(400);
    expect(response.json.error.code).to.equal('validation/invalid-body');
    expect(response.json.error.details.map((d: { path: string }) => d.path)).to.have.members(['baseUrl', 'email', 'apiToken']);
  });

  it('refuses an organizationId in the body or the query', async () => {
    const inBody = await api.http.call('POST', '/api/integrations', { token: a, body: { ...body(), organizationId: ORG_B } });
    expect(inBody.status).to.equal(400);
    expect(inBody.json.error.details).to.deep.equal([{ path: 'organizationId', message: 'is not an allowed field' }]);
    const inQuery = await api.http.call('GET', `/api/integrations?organizationId=${ORG_B}`, { token: a });
    expect(inQuery.status).to.equal(400);
    expect(inQuery.json.error).to.deep.include({ code: 'validation/invalid-query', details: [{ path: 'organizationId', message: 'is not an allowed field' }] });
  });

  it('answers malformed JSON, a wrong content type and an oversized body with clear 4xx', async () => {
    const malformed = await api.http.call('POST', '/api/integrations', { token: a, rawBody: '{"type":', headers: { 'content-type': 'application/json' } });
    expect([malformed.status, malformed.json.error.code]).to.deep.equal([400, 'validation/malformed-json']);
    const wrongType = await api.http.call('POST', '/api/integrations', { token: a, rawBody: 'type=jira', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([wrongType.status, wrongType.json.error.code]).to.deep.equal([415, 'validation/unsupported-media-type']);
    const huge = JSON.stringify({ ...body(), name: 'x'.repeat(1024 * 1024) });
    const tooLarge = await api.http.call('POST', '/api/integrations', { token: a, rawBody: huge, headers: { 'content-type': 'application/json' } });
    expect([tooLarge.status, tooLarge.json.error.code]).to.deep.equal([413, 'validation/body-too-large']);
  });

  it("answers 404 for every route with another organization's connection id, and changes nothing", async () => {
    const { id } = await create();
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/integrations/${id}`],
      ['PATCH', `/api/integrations/${id}`, { enabled: false }],
      ['DELETE', `/api/integrations/${id}`],
      ['POST', `/api/integrations/${id}/test`],
      ['POST', `/api/integrations/${id}/sync-now`],
      ['GET', `/api/integrations/${id}/sync-runs`],
      ['GET', `/api/integrations/${id}/mappings`],
      ['PUT', `/api/integrations/${id}/mappings`, { status: { default: 'todo' }, priority: { default: 'low' } }],
    ];
    for (const [method, path, requestBody] of attempts) {
      const response = await api.http.call(method, path, { token: b, ...(requestBody === undefined ? {} : { body: requestBody }) });
      expect(response.status, `${method} ${path}`).to.equal(404);
      expect(response.json.error.code).to.equal('integration/not-found');
    }
    const mine = await api.http.call('GET', `/api/integrations/${id}`, { token: a });
    expect(mine.json.data).to.include({ enabled: true, hasApiToken: true });
    expect((await api.http.call('GET', '/api/integrations', { token: b })).json.data).to.deep.equal([]);
  });

  it('answers 404 for an id that is not a UUID', async () => {
    const response = await api.http.call('GET', '/api/integrations/not-a-uuid', { token: a });
    expect([response.status, response.json.error.code]).to.deep.equal([404, 'integration/not-found']);
  });

  it('refuses the second of two concurrent syncs of one connection with 409', async () => {
    const { id } = await create();
    const responses = await Promise.all([1, 2].map(() => api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a })));
    expect(responses.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    expect(responses.find((r) => r.status === 409)!.json.error.code).to.equal('sync/in-progress');
  });

  it('never shows a secret or its ciphertext in any response', async () => {
    const { id } = await create();
    await api.http.call('PATCH', `/api/integrations/${id}`, { token: a, body: { apiToken: 'rotated-token-value' } });
    await api.http.call('GET', `/api/integrations/${id}`, { token: a });
    await api.http.call('GET', '/api/integrations', { token: a });
    const everything = api.http.seen.join('\n');
    for (const secret of [api.jira.apiToken, WEBHOOK_SECRET, 'rotated-token-value']) expect(everything).not.to.contain(secret);
    const ciphertexts = await storedCiphertexts(api.orm);
    expect(ciphertexts.length).to.be.greaterThanOrEqual(2);
    for (const ciphertext of ciphertexts) expect(everything).not.to.contain(ciphertext);
  });
});
