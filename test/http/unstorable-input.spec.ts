import { expect } from 'chai';
import { startOAuthTestApi } from './support/oauth-test-api.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';
const RESOURCE = '0c0c0c0c-0000-4000-8000-00000000000c';
const UNSTORABLE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * Text PostgreSQL cannot hold, and dates it cannot either, used to reach the database and answer
 * 503 `internal/database-unavailable`. Each is now refused where it enters, naming the field.
 */
describe('HTTP: input the database cannot hold is refused with 400 and the field named', () => {
  let api: TestApi;
  let connectionId: string;
  const a = tokenFor(ORG_A);
  before(async () => {
    api = await startTestApi();
    connectionId = await createJiraConnection(api, ORG_A);
  });
  after(() => api.close());

  const connection = () => ({ type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken });
  const mappings = (status: Record<string, string>) => ({ status: { default: 'todo', ...status }, priority: { default: 'low' } });
  const userMapping = (fields: Record<string, unknown>) => ({ externalSystem: 'jira', externalEmail: 'ada@example.com', resourceId: RESOURCE, ...fields });

  const refused = async (method: string, path: string, body: unknown, field: string, message = UNSTORABLE) => {
    const response = await api.http.call(method, path, { token: a, ...(body === undefined ? {} : { body }) });
    expect(response.status, `${method} ${path}: ${response.text}`).to.equal(400);
    // A query string is refused as one: `validation/invalid-query`; a body as `validation/invalid-body`.
    expect(response.json.error.code).to.equal(body === undefined ? 'validation/invalid-query' : 'validation/invalid-body');
    expect(response.json.error.details).to.deep.include({ path: field, message });
  };

  it('refuses NUL in the fields of a connection', async () => {
    await refused('POST', '/api/integrations', { ...connection(), name: `Jira${NUL}` }, 'name');
    await refused('POST', '/api/integrations', { ...connection(), email: `ada${NUL}@example.com` }, 'email');
    await refused('POST', '/api/integrations', { ...connection(), jqlFilter: `project = OPS${NUL}` }, 'jqlFilter');
    await refused('POST', '/api/integrations', { ...connection(), projectMappings: [{ projectKey: `OPS${NUL}`, internalProjectId: null }] }, 'projectMappings.0.projectKey');
    await refused('PATCH', `/api/integrations/${connectionId}`, { name: `Renamed${LONE_SURROGATE}` }, 'name');
  });

  it('refuses NUL and lone surrogates in mapping keys', async () => {
    await refused('PUT', `/api/integrations/${connectionId}/mappings`, mappings({ [`Done${NUL}`]: 'done' }), `status.Done${NUL}`);
    await refused('PUT', `/api/integrations/${connectionId}/mappings`, mappings({ [`Done${LONE_SURROGATE}`]: 'done' }), `status.Done${LONE_SURROGATE}`);
    await refused('PUT', `/api/integrations/${connectionId}/mappings`, { ...mappings({}), projects: [{ projectKey: `OPS${LONE_SURROGATE}`, internalProjectId: null }] }, 'projects.0.projectKey');
  });

  it('refuses a mapping key every JavaScript object already has, which failed the write (found by the fuzzer)', async () => {
    const message = 'is a name every JavaScript object has and cannot be a key here';
    await refused('PUT', `/api/integrations/${connectionId}/mappings`, mappings({ constructor: 'done' }), 'status.constructor', message);
    const proto = '{"status":{"default":"todo","__proto__":"done"},"priority":{"default":"low"}}';
    const response = await api.http.call('PUT', `/api/integrations/${connectionId}/mappings`, { token: a, rawBody: proto, headers: { 'content-type': 'application/json' } });
    expect([response.status, response.json.error.details]).to.deep.equal([400, [{ path: 'status.__proto__', message }]]);
    const kept = await api.http.call('PUT', `/api/integrations/${connectionId}/mappings`, { token: a, body: mappings({ Constructor: 'done' }) });
    expect(kept.status, kept.text).to.equal(200);
  });

  it('refuses NUL and lone surrogates in user mappings', async () => {
    await refused('POST', '/api/external-user-mappings', userMapping({ externalEmail: `ada${NUL}@example.com` }), 'externalEmail');
    await refused('POST', '/api/external-user-mappings', userMapping({ externalEmail: `ada${LONE_SURROGATE}@example.com` }), 'externalEmail');
    await refused('POST', '/api/external-user-mappings', userMapping({ externalUserId: `557058:${NUL}` }), 'externalUserId');
    await refused('POST', '/api/external-user-mappings', userMapping({ externalUserId: `557058:${LONE_SURROGATE}` }), 'externalUserId');
  });

  it('refuses NUL in the site picked after an OAuth consent', async () => {
    // Only a provider with OAuth configured reads a site choice; elsewhere the route answers 501 first.
    const oauth = await startOAuthTestApi();
    try {
      const response = await oauth.http.call('POST', '/api/integrations/oauth/jira/select-site', { token: a, body: { cloudId: `cloud${NUL}` } });
      expect([response.status, response.json.error.code]).to.deep.equal([400, 'validation/invalid-body']);
      expect(response.json.error.details).to.deep.include({ path: 'cloudId', message: UNSTORABLE });
    } finally {
      await oauth.close();
    }
  });

  // A query string cannot carry a lone surrogate: the bytes of one decode to U+FFFD, which is storable.
  it('refuses NUL in the filters of the task list', async () => {
    await refused('GET', '/api/external-tasks?assignee=ada%00@example.com', undefined, 'assignee');
    await refused('GET', '/api/external-tasks?projectKey=OPS%00', undefined, 'projectKey');
  });

  it('refuses dates PostgreSQL cannot hold, and days the month does not have', async () => {
    const message = 'must be an ISO-8601 date or date-time from the year 1 to 9999';
    for (const date of ['0000-01-01', '0001-01-01T00:00:00%2B01:00', '9999-12-31T23:59:59-05:00', '2026-02-30']) {
      await refused('GET', `/api/external-tasks?updatedSince=${date}`, undefined, 'updatedSince', message);
    }
    expect((await api.http.call('GET', '/api/external-tasks?updatedSince=2024-02-29', { token: a })).status).to.equal(200);
  });

  it('refuses a crafted cursor whose instant is out of range, or whose id is not one', async () => {
    for (const cursor of ['999999999999999_0a0a0a0a-0000-4000-8000-00000000000a', '-99999999999999_0a0a0a0a-0000-4000-8000-00000000000a', '1700000000000_nope']) {
      await refused('GET', `/api/external-tasks?cursor=${cursor}`, undefined, 'cursor', 'is not a cursor this API returned');
    }
    await refused('GET', `/api/external-tasks?cursor=1700000000000_${RESOURCE}%00`, undefined, 'cursor');
  });
});
