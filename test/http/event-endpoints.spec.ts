import { expect } from 'chai';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

describe('HTTP /api/event-endpoints', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  const b = tokenFor(ORG_B);
  const URL = 'https://hooks.product.test/taskport';
  before(async () => (api = await startTestApi()));
  after(() => api.close());
  afterEach(async () => {
    for (const token of [a, b]) {
      const list = await api.http.call('GET', '/api/event-endpoints', { token });
      for (const e of list.json.data) await api.http.call('DELETE', `/api/event-endpoints/${e.id}`, { token });
    }
  });

  it('registers an endpoint, shows its signing secret this once, rotates it, and deletes it', async () => {
    const created = await api.http.call('POST', '/api/event-endpoints', { token: a, body: { url: URL, eventTypes: ['external_task.created'], description: 'CRM' } });
    expect(created.status, created.text).to.equal(201);
    const { id, signingSecret } = created.json.data;
    expect(signingSecret).to.match(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.json.data).to.include({ url: URL, description: 'CRM', enabled: true, disabledReason: null });
    const read = await api.http.call('GET', `/api/event-endpoints/${id}`, { token: a });
    expect(read.json.data).not.to.have.property('signingSecret');
    expect((await api.http.call('GET', '/api/event-endpoints', { token: a })).text).not.to.contain(signingSecret);
    const [row] = await api.orm.em.fork().execute<Array<{ signing_secret: string }>>('select signing_secret from event_endpoints where id = ?', [id]);
    expect(row!.signing_secret).not.to.contain(signingSecret);

    const rotated = await api.http.call('PATCH', `/api/event-endpoints/${id}`, { token: a, body: { rotateSecret: true, eventTypes: [] } });
    expect(rotated.status, rotated.text).to.equal(200);
    expect(rotated.json.data.signingSecret).to.match(/^whsec_/).and.not.equal(signingSecret);
    expect(rotated.json.data.eventTypes).to.deep.equal([]);
    expect(rotated.json.data.previousSecretValidUntil).to.be.a('string');
    const edited = await api.http.call('PATCH', `/api/event-endpoints/${id}`, { token: a, body: { enabled: false } });
    expect(edited.json.data).to.include({ enabled: false }).and.not.to.have.property('signingSecret');

    expect((await api.http.call('DELETE', `/api/event-endpoints/${id}`, { token: a })).status).to.equal(204);
    expect((await api.http.call('GET', `/api/event-endpoints/${id}`, { token: a })).json.error.code).to.equal('event-endpoint/not-found');
  });

  it('refuses a cloud metadata address even where private addresses are allowed, and bad fields', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'https://user:pw@hooks.product.test/x', 'ftp://hooks.product.test/x']) {
      const response = await api.http.call('POST', '/api/event-endpoints', { token: a, body: { url } });
      expect(response.status, url).to.equal(400);
      expect(response.json.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['url']);
    }
    const bad = await api.http.call('POST', '/api/event-endpoints', { token: a, body: { url: URL, eventTypes: ['task.renamed'], rotateSecret: true } });
    expect(bad.status).to.equal(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).to.deep.equal(['eventTypes.0', 'rotateSecret']);
    const smuggled = await api.http.call('POST', '/api/event-endpoints', { token: a, body: { url: URL, organizationId: ORG_B } });
    expect(smuggled.status).to.equal(400);
    expect((await api.http.call('GET', '/api/event-endpoints', { token: b })).json.data).to.deep.equal([]);
  });

  it("keeps an organization's endpoints and their deliveries from every other organization", async () => {
    const { id } = (await api.http.call('POST', '/api/event-endpoints', { token: a, body: { url: URL } })).json.data;
    expect((await api.http.call('GET', '/api/event-endpoints', { token: b })).json.data).to.deep.equal([]);
    for (const [method, path] of [
      ['GET', `/api/event-endpoints/${id}`],
      ['PATCH', `/api/event-endpoints/${id}`],
      ['DELETE', `/api/event-endpoints/${id}`],
      ['GET', `/api/event-endpoints/${id}/deliveries`],
      ['POST', `/api/event-endpoints/${id}/deliveries/${id}/retry`],
    ] as const) {
      const response = await api.http.call(method, path, { token: b, body: method === 'PATCH' ? { enabled: false } : undefined });
      expect(response.status, `${method} ${path}`).to.equal(404);
      expect(response.json.error.code).to.equal('event-endpoint/not-found');
    }
    expect((await api.http.call('POST', `/api/event-endpoints/${id}/deliveries/not-a-uuid/retry`, { token: a })).json.error.code).to.equal('event-delivery/not-found');
    expect((await api.http.call('POST', `/api/event-endpoints/${id}/deliveries/${id}/retry`, { token: a })).json.error.code).to.equal('event-delivery/not-found');
    expect((await api.http.call('GET', `/api/event-endpoints/${id}`, { token: a })).json.data.enabled).to.equal(true);
  });
});
