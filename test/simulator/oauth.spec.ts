import { expect } from 'chai';
import { SIMULATOR_OAUTH_CLIENT, SIMULATOR_SITE, startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { ADMIN, call } from './simulator-http.js';

const REDIRECT_URI = 'http://127.0.0.1:9/callback';
const SCOPE = 'read:jira-work write:jira-work read:jira-user offline_access';

/** What a browser does on /authorize: follow nothing, read where the simulator sends it back. */
const authorize = async (sim: JiraSimulator, overrides: Record<string, string> = {}) => {
  const query = new URLSearchParams({
    audience: 'api.atlassian.com',
    client_id: SIMULATOR_OAUTH_CLIENT.clientId,
    scope: SCOPE,
    redirect_uri: REDIRECT_URI,
    state: 'state-1',
    response_type: 'code',
    prompt: 'consent',
    ...overrides,
  });
  const response = await fetch(`${sim.url}/authorize?${query}`, { redirect: 'manual' });
  return { status: response.status, location: new URL(response.headers.get('location') ?? 'about:blank') };
};

const tokenRequest = async (sim: JiraSimulator, params: Record<string, string>, encoding: 'json' | 'form' = 'json') => {
  const body = { client_id: SIMULATOR_OAUTH_CLIENT.clientId, client_secret: SIMULATOR_OAUTH_CLIENT.clientSecret, ...params };
  const response = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: encoding === 'json' ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const codeGrant = async (sim: JiraSimulator, encoding: 'json' | 'form' = 'json') => {
  const { location } = await authorize(sim);
  return tokenRequest(sim, { grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI }, encoding);
};

const bearer = (token: unknown) => `Bearer ${String(token)}`;

describe('Jira simulator OAuth 2.0 (3LO)', () => {
  let sim: JiraSimulator;
  let clock: number;
  beforeEach(async () => {
    clock = Date.parse('2026-03-01T00:00:00Z');
    sim = await startJiraSimulator({ issues: 5, now: () => clock });
  });
  afterEach(() => sim.close());

  it('consents at once and sends the browser back with a code and the state', async () => {
    const { status, location } = await authorize(sim);
    expect(status).to.equal(302);
    expect(`${location.origin}${location.pathname}`).to.equal(REDIRECT_URI);
    expect(location.searchParams.get('state')).to.equal('state-1');
    expect(location.searchParams.get('code')).to.match(/^sim-code-/);
  });

  it('sends access_denied back when the person declines, and refuses unknown clients without redirecting', async () => {
    sim.oauth.set({ consent: 'deny' });
    const denied = await authorize(sim);
    expect(Object.fromEntries(denied.location.searchParams)).to.include({ error: 'access_denied', state: 'state-1' });
    expect((await authorize(sim, { client_id: 'someone-else' })).status).to.equal(400);
  });

  it('exchanges a code once, whether the body is JSON or form-encoded', async () => {
    for (const encoding of ['json', 'form'] as const) {
      const { location } = await authorize(sim);
      const params = { grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: REDIRECT_URI };
      const first = await tokenRequest(sim, params, encoding);
      expect(first.status).to.equal(200);
      expect(first.body).to.include({ token_type: 'Bearer', expires_in: 3600, scope: SCOPE });
      expect(first.body.refresh_token).to.be.a('string');
      expect((await tokenRequest(sim, params, encoding)).body).to.include({ error: 'invalid_grant' });
    }
    expect(sim.oauth.tokenRequests()).to.deep.equal({ authorizationCode: 4, refreshToken: 0 });
  });

  it('rotates refresh tokens: a spent one is refused with 403 invalid_grant', async () => {
    const first = await codeGrant(sim);
    const rotated = await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) });
    expect(rotated.status).to.equal(200);
    expect(rotated.body.refresh_token).to.be.a('string').and.not.equal(first.body.refresh_token);
    const stale = await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) });
    expect(stale).to.deep.equal({ status: 403, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } });
    expect((await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: String(rotated.body.refresh_token) })).status).to.equal(200);
    expect(sim.oauth.tokenRequests().refreshToken).to.equal(3);
  });

  it('refuses a wrong client secret and issues no refresh token without offline_access', async () => {
    const { location } = await authorize(sim, { scope: 'read:jira-work' });
    const code = location.searchParams.get('code')!;
    expect((await tokenRequest(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_secret: 'wrong' })).status).to.equal(401);
    const { location: again } = await authorize(sim, { scope: 'read:jira-work' });
    const granted = await tokenRequest(sim, { grant_type: 'authorization_code', code: again.searchParams.get('code')!, redirect_uri: REDIRECT_URI });
    expect(granted.body).not.to.have.property('refresh_token');
  });

  it('lists the sites the grant reaches, one or several', async () => {
    const { body } = await codeGrant(sim);
    const one = await call(sim, 'GET', '/oauth/token/accessible-resources', { authorization: bearer(body.access_token) });
    expect(one.body).to.deep.equal([
      { id: SIMULATOR_SITE.id, name: SIMULATOR_SITE.name, url: sim.url, scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user'], avatarUrl: `${sim.url}/avatar.png` },
    ]);
    sim.oauth.set({ sites: [SIMULATOR_SITE, { id: 'second-cloud-id', name: 'second', url: 'https://second.atlassian.net' }] });
    const several = await codeGrant(sim);
    const listed = await call(sim, 'GET', '/oauth/token/accessible-resources', { authorization: bearer(several.body.access_token) });
    expect(listed.body.map((s: { id: string }) => s.id)).to.deep.equal([SIMULATOR_SITE.id, 'second-cloud-id']);
  });

  it('serves the Jira API on /ex/jira/{cloudId} to live bearer tokens it issued, for the sites they reach', async () => {
    const { body } = await codeGrant(sim);
    const path = `/ex/jira/${SIMULATOR_SITE.id}/rest/api/3/myself`;
    const me = await call(sim, 'GET', path, { authorization: bearer(body.access_token) });
    expect(me.body).to.include({ displayName: ADMIN.displayName, timeZone: ADMIN.timeZone });
    const search = await call(sim, 'POST', `/ex/jira/${SIMULATOR_SITE.id}/rest/api/3/search/jql`, { authorization: bearer(body.access_token), body: { jql: 'updated >= "1970-01-01 00:00" order by key', fields: ['summary'] } });
    expect(search.body.issues).to.have.length(5);
    expect((await call(sim, 'GET', '/ex/jira/another-site/rest/api/3/myself', { authorization: bearer(body.access_token) })).status).to.equal(401);
    expect((await call(sim, 'GET', path, { authorization: bearer('sim-at-forged') })).status).to.equal(401);
    expect((await call(sim, 'GET', '/rest/api/3/myself', { authorization: bearer(body.access_token) })).status).to.equal(401);
    clock += 3600 * 1000;
    expect((await call(sim, 'GET', path, { authorization: bearer(body.access_token) })).status).to.equal(401);
  });

  it('stops accepting every token once access is revoked', async () => {
    const { body } = await codeGrant(sim);
    sim.oauth.revokeAll();
    expect((await call(sim, 'GET', `/ex/jira/${SIMULATOR_SITE.id}/rest/api/3/myself`, { authorization: bearer(body.access_token) })).status).to.equal(401);
    expect((await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: String(body.refresh_token) })).status).to.equal(403);
  });
});
