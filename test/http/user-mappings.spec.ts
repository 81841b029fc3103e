import { expect } from 'chai';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

const RESOURCE = 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11';

describe('HTTP /api/external-user-mappings', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  const b = tokenFor(ORG_B);
  before(async () => {
    api = await startTestApi();
  });
  after(() => api.close());

  it('creates, lists and deletes a mapping, with the e-mail in lower case', async () => {
    const created = await api.http.call('POST', '/api/external-user-mappings', {
      token: a,
      body: { externalSystem: 'jira', externalEmail: 'Ana@Acme.example', externalUserId: '5b10ac8d82e05b22cc7d4ef5', resourceId: RESOURCE },
    });
    expect(created.status).to.equal(201);
    expect(created.json.data).to.include({ externalSystem: 'jira', externalEmail: 'ana@acme.example', resourceId: RESOURCE });

    const listed = await api.http.call('GET', '/api/external-user-mappings', { token: a });
    expect(listed.json.data.map((m: { id: string }) => m.id)).to.deep.equal([created.json.data.id]);

    const duplicate = await api.http.call('POST', '/api/external-user-mappings', {
      token: a,
      body: { externalSystem: 'jira', externalEmail: 'ANA@acme.example', resourceId: RESOURCE },
    });
    expect([duplicate.status, duplicate.json.error.code]).to.deep.equal([409, 'user-mapping/already-exists']);

    const foreign = await api.http.call('DELETE', `/api/external-user-mappings/${created.json.data.id}`, { token: b });
    expect([foreign.status, foreign.json.error.code]).to.deep.equal([404, 'user-mapping/not-found']);
    expect((await api.http.call('GET', '/api/external-user-mappings', { token: b })).json.data).to.deep.equal([]);

    const deleted = await api.http.call('DELETE', `/api/external-user-mappings/${created.json.data.id}`, { token: a });
    expect(deleted.status).to.equal(204);
    expect((await api.http.call('GET', '/api/external-user-mappings', { token: a })).json.data).to.deep.equal([]);
  });

  it('answers an invalid mapping with the offending fields', async () => {
    const response = await api.http.call('POST', '/api/external-user-mappings', {
      token: a,
      body: { externalSystem: 'jira', externalEmail: 'not-an-email', resourceId: 'r-1' },
    });
    expect(response.status).to.equal(400);
    expect(response.json.error.details.map((d: { path: string }) => d.path)).to.have.members(['externalEmail', 'resourceId']);
  });
});
