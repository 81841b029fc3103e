import { expect } from 'chai';
import { SIMULATOR_OAUTH_CLIENT, SIMULATOR_SITE } from '../../apps/simulator/jira/index.js';
import { authorizeInBrowser, browserCookies, callback, REDIRECT_URI, startOAuthTestApi, type OAuthTestApi } from './support/oauth-test-api.js';
import { startTestApi, storedCiphertexts } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

const SECOND_SITE = { id: '7e57c10d-0000-4000-8000-000000000002', name: 'second-site', url: 'https://second-site.atlassian.net' };
const SIMULATOR_TOKENS = /sim-(at|rt|code)-[\w-]+/;

describe('Jira OAuth 2.0 (3LO) over HTTP: authorization', () => {
  let api: OAuthTestApi;
  const a = tokenFor(ORG_A);
  const b = tokenFor(ORG_B);
  beforeEach(async () => (api = await startOAuthTestApi()));
  afterEach(() => api.close());

  it('starts with Atlassian’s consent URL: audience, client, scopes, redirect URI, code, consent prompt and a state', async () => {
    const started = await api.http.call('POST', '/api/integrations/oauth/jira/start', { token: a, body: {} });
    const url = new URL(started.json.data.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).to.equal(`${api.simulator.url}/authorize`);
    expect(Object.fromEntries(url.searchParams)).to.deep.include({
      audience: 'api.atlassian.com',
      client_id: SIMULATOR_OAUTH_CLIENT.clientId,
      scope: 'read:jira-work write:jira-work read:jira-user offline_access',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      prompt: 'consent',
    });
    expect(url.searchParams.get('state')).to.have.length.of.at.least(40);
    const elsewhere = await api.http.call('POST', '/api/integrations/oauth/jira/start', { token: a, body: { redirectUri: 'https://attacker.example/cb' } });
    expect([elsewhere.status, elsewhere.json.error.code]).to.deep.equal([400, 'validation/invalid-body']);
    expect((await api.http.call('POST', '/api/integrations/oauth/jira/start', { body: {} })).status).to.equal(401);
  });

  it('connects the one Jira site of a grant, then syncs it through the gateway with links to the site', async () => {
    const connected = await callback(api, await authorizeInBrowser(api, a));
    expect(connected.status).to.equal(201);
    const connection = connected.json.data.connection;
    expect(connection).to.deep.include({ authType: 'oauth2', baseUrl: api.simulator.url, name: SIMULATOR_SITE.name, email: null, hasApiToken: false, authorizationStatus: 'active' });
    expect(connection.oauth).to.deep.include({ cloudId: SIMULATOR_SITE.id });
    expect((await api.http.call('GET', '/api/integrations', { token: b })).json.data).to.deep.equal([]);

    const report = await api.http.call('POST', `/api/integrations/${connection.id}/sync-now`, { token: a });
    expect(report.status).to.equal(200);
    expect(report.json.data).to.include({ created: 12 });
    const searches = api.simulator.requests.entries().filter((r) => r.path.endsWith('/rest/api/3/search/jql'));
    expect(searches.map((r) => [r.path, r.account, r.status])).to.deep.equal(
      searches.map(() => [`/ex/jira/${SIMULATOR_SITE.id}/rest/api/3/search/jql`, 'admin@taskport.test', 200]),
    );
    const tasks = await api.http.call('GET', '/api/external-tasks', { token: a });
    for (const task of tasks.json.data) expect(task.url).to.equal(`${api.simulator.url}/browse/${task.key}`);
  });

  it('lets a person of the organization pick one of several sites, and no one else', async () => {
    api.simulator.oauth.set({ sites: [SIMULATOR_SITE, SECOND_SITE, { id: 'confluence-only', name: 'wiki', scopes: ['read:confluence-content.all'] }] });
    const pending = await callback(api, await authorizeInBrowser(api, a));
    expect(pending.status).to.equal(200);
    const { selectionId, sites, status } = pending.json.data;
    expect(status).to.equal('site-selection-required');
    expect(sites.map((s: { cloudId: string }) => s.cloudId)).to.deep.equal([SIMULATOR_SITE.id, SECOND_SITE.id]);
    expect((await api.http.call('GET', `/api/integrations/oauth/jira/selections/${selectionId}`, { token: a })).json.data.sites).to.deep.equal(sites);
    expect((await api.http.call('GET', `/api/integrations/oauth/jira/selections/${selectionId}`, { token: b })).status).to.equal(400);

    const stranger = await api.http.call('POST', '/api/integrations/oauth/jira/select-site', { token: b, body: { selectionId, cloudId: SECOND_SITE.id } });
    expect([stranger.status, stranger.json.error.code]).to.deep.equal([400, 'integration/oauth-error']);
    const chosen = await api.http.call('POST', '/api/integrations/oauth/jira/select-site', { token: a, body: { cloudId: SECOND_SITE.id } });
    expect(chosen.status).to.equal(201);
    expect(chosen.json.data).to.deep.include({ baseUrl: SECOND_SITE.url, name: SECOND_SITE.name, authType: 'oauth2' });
    expect((await api.http.call('POST', '/api/integrations/oauth/jira/select-site', { token: a, body: { selectionId, cloudId: SIMULATOR_SITE.id } })).status).to.equal(400);

    const synced = await api.http.call('POST', `/api/integrations/${chosen.json.data.id}/sync-now`, { token: a });
    expect(synced.json.data).to.include({ created: 12 });
    expect(api.simulator.requests.entries().some((r) => r.path === `/ex/jira/${SECOND_SITE.id}/rest/api/3/search/jql`)).to.equal(true);
  });

  it('connects nothing when the person declines', async () => {
    api.simulator.oauth.set({ consent: 'deny' });
    const declined = await callback(api, await authorizeInBrowser(api, a));
    expect([declined.status, declined.json.error.code]).to.deep.equal([400, 'integration/oauth-error']);
    expect(declined.json.error.message).to.contain('access_denied');
    expect((await api.http.call('GET', '/api/integrations', { token: a })).json.data).to.deep.equal([]);
    expect(api.simulator.oauth.tokenRequests().authorizationCode).to.equal(0);
  });

  it('refuses a state older than five minutes, a state used before and a tampered one, exchanging no code', async () => {
    const late = await authorizeInBrowser(api, a);
    api.advanceClock(5 * 60_000 + 1);
    const expired = await callback(api, late);
    expect([expired.status, expired.json.error.code]).to.deep.equal([400, 'integration/oauth-error']);
    expect(expired.json.error.message).to.contain('five minutes');

    const once = await authorizeInBrowser(api, a);
    expect((await callback(api, once)).status).to.equal(201);
    const reused = await callback(api, once);
    expect([reused.status, reused.json.error.code]).to.deep.equal([400, 'integration/oauth-error']);

    const query = new URLSearchParams(await authorizeInBrowser(api, b));
    const state = query.get('state')!;
    query.set('state', `${state.slice(0, -2)}${state.endsWith('AA') ? 'BB' : 'AA'}`);
    const tampered = await callback(api, `?${query}`);
    expect([tampered.status, tampered.json.error.code]).to.deep.equal([400, 'integration/oauth-error']);
    expect((await api.http.call('GET', '/api/integrations', { token: b })).json.data).to.deep.equal([]);
    expect(api.simulator.oauth.tokenRequests().authorizationCode).to.equal(1);
  });

  it('refuses a consent started in one browser and finished in another (login CSRF), exchanging no code', async () => {
    const started = await api.http.call('POST', '/api/integrations/oauth/jira/start', { token: a, body: {} });
    const cookie = started.headers.getSetCookie().find((c) => c.startsWith('taskport_oauth_'));
    expect(cookie).to.match(/httponly/i).and.match(/samesite=lax/i).and.match(/path=\/api\/integrations\/oauth\/jira\/callback/i);
    expect(started.text).to.not.contain(cookie!.split(';')[0]!.split('=')[1]);

    const lured = await callback(api, await authorizeInBrowser(api, a), { fromAnotherBrowser: true });
    expect([lured.status, lured.json.error.code]).to.deep.equal([400, 'integration/oauth-error']);
    expect(lured.json.error.message).to.contain('another browser');
    expect((await api.http.call('GET', '/api/integrations', { token: a })).json.data).to.deep.equal([]);
    expect(api.simulator.oauth.tokenRequests().authorizationCode).to.equal(0);

    const [first, second] = [await authorizeInBrowser(api, a), await authorizeInBrowser(api, b)];
    expect((await callback(api, second)).status).to.equal(201);
    expect((await callback(api, first)).status).to.equal(201);
  });

  it('makes an OAuth and an API-token connection to the same site conflict', async () => {
    const account = api.simulator.accounts[0]!;
    const body = { type: 'jira', baseUrl: api.simulator.url, email: account.email, apiToken: account.apiToken };
    expect((await api.http.call('POST', '/api/integrations', { token: a, body })).status).to.equal(201);
    const conflict = await callback(api, await authorizeInBrowser(api, a));
    expect([conflict.status, conflict.json.error.code]).to.deep.equal([409, 'integration/already-exists']);
  });

  it('never shows a token, a code or a ciphertext, and deleting the connection deletes its tokens', async () => {
    api.simulator.oauth.set({ sites: [SIMULATOR_SITE, SECOND_SITE] });
    const pending = await callback(api, await authorizeInBrowser(api, a));
    const selectionCiphertexts = await storedCiphertexts(api.orm);
    const chosen = await api.http.call('POST', '/api/integrations/oauth/jira/select-site', { token: a, body: { cloudId: SIMULATOR_SITE.id, selectionId: pending.json.data.selectionId } });
    const id = chosen.json.data.id;
    await api.http.call('GET', `/api/integrations/${id}`, { token: a });
    await api.http.call('GET', '/api/integrations', { token: a });
    await api.http.call('POST', `/api/integrations/${id}/test`, { token: a });
    const ciphertexts = [...selectionCiphertexts, ...(await storedCiphertexts(api.orm))];
    expect(ciphertexts).to.have.length(4);
    const everything = api.http.seen.join('\n');
    expect(everything).not.to.match(SIMULATOR_TOKENS);
    for (const ciphertext of ciphertexts) expect(everything).not.to.contain(ciphertext);

    expect((await api.http.call('DELETE', `/api/integrations/${id}`, { token: a })).status).to.equal(204);
    const dump: Array<{ row: string }> = await api.orm.em.fork().execute(
      `select t::text as row from integration_connections t union all select t::text from oauth_site_selections t union all select t::text from oauth_states t`,
    );
    for (const ciphertext of ciphertexts) expect(dump.map((d) => d.row).join('\n')).not.to.contain(ciphertext);
  });

  it('answers 501 when no OAuth client is configured', async () => {
    const plain = await startTestApi();
    try {
      const answer = await plain.http.call('POST', '/api/integrations/oauth/jira/start', { token: a, body: {} });
      expect([answer.status, answer.json.error.code]).to.deep.equal([501, 'integration/oauth-not-configured']);
    } finally {
      await plain.close();
    }
  });
});

describe('Jira OAuth 2.0 (3LO) over HTTP: the outcome sent to the front end', () => {
  const FRONTEND = 'https://app.example.test/settings/integrations?tab=jira';
  let api: OAuthTestApi;
  beforeEach(async () => (api = await startOAuthTestApi({ frontendUrl: FRONTEND })));
  afterEach(() => api.close());

  const redirected = async (search: string) => {
    const response = await fetch(`${api.url}/api/integrations/oauth/jira/callback${search}`, { redirect: 'manual', headers: browserCookies(search) });
    expect(response.status).to.equal(302);
    expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
    return new URL(response.headers.get('location')!);
  };

  it('sends the browser to the front end with the new connection, or with why nothing was connected', async () => {
    const token = tokenFor(ORG_A);
    const connected = await redirected(await authorizeInBrowser(api, token));
    expect(`${connected.origin}${connected.pathname}`).to.equal('https://app.example.test/settings/integrations');
    const id = connected.searchParams.get('connectionId');
    expect(Object.fromEntries(connected.searchParams)).to.deep.equal({ tab: 'jira', provider: 'jira', oauth: 'connected', connectionId: id });
    expect((await api.http.call('GET', `/api/integrations/${id}`, { token })).status).to.equal(200);

    api.simulator.oauth.set({ consent: 'deny' });
    const declined = await redirected(await authorizeInBrowser(api, token));
    expect(Object.fromEntries(declined.searchParams)).to.deep.include({ oauth: 'error', code: 'integration/oauth-error', reason: 'access-denied' });
  });

  it('names the pending selection when the grant reaches several sites', async () => {
    api.simulator.oauth.set({ sites: [SIMULATOR_SITE, SECOND_SITE] });
    const pending = await redirected(await authorizeInBrowser(api, tokenFor(ORG_A)));
    expect(pending.searchParams.get('oauth')).to.equal('site-selection-required');
    expect(pending.searchParams.get('selectionId')).to.match(/^[0-9a-f-]{36}$/);
  });
});
