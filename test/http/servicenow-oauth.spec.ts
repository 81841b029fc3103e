import { expect } from 'chai';
import { SIMULATOR_SERVICENOW_CLIENT } from '../../apps/simulator/servicenow/index.js';
import { SERVICENOW_REDIRECT_URI, startTestApi, storedCiphertexts, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

/** Twenty-six minutes after the grant, the 30-minute access token is within five minutes of expiring. */
const NEAR_EXPIRY_MS = 26 * 60_000;

describe('ServiceNow OAuth over HTTP: the instance’s own client, non-rotating refresh', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  beforeEach(async () => {
    api = await startTestApi({ issues: 2, latencyMs: 0, servicenow: { incidents: 5, tasks: 2 } });
  });
  afterEach(() => api.close());

  const sim = () => api.servicenow!.simulator;
  const client = { clientId: SIMULATOR_SERVICENOW_CLIENT.clientId, clientSecret: SIMULATOR_SERVICENOW_CLIENT.clientSecret };
  const start = (body: Record<string, unknown>) => api.http.call('POST', '/api/integrations/oauth/servicenow/start', { token: a, body: { baseUrl: api.servicenow!.baseUrl, ...client, ...body } });
  /** Start, the person's consent on the instance, and the callback: the callback's answer. */
  const authorize = async (body: Record<string, unknown> = {}) => {
    const started = await start(body);
    expect(started.status, started.text).to.equal(200);
    const consent = await fetch(started.json.data.authorizationUrl as string, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).to.equal(SERVICENOW_REDIRECT_URI);
    // The browser that started the authorization comes back with the cookie the start set.
    const cookie = started.headers.getSetCookie().map((set) => set.split(';')[0]).join('; ');
    return api.http.call('GET', `/api/integrations/oauth/servicenow/callback${back.search}`, { headers: { cookie } });
  };
  const connect = async (body: Record<string, unknown> = {}) => {
    const answer = await authorize(body);
    expect(answer.status, answer.text).to.equal(201);
    return answer.json.data.connection as Record<string, unknown> & { id: string };
  };
  const sync = (id: string) => api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'full' } });

  it('sends the person to the instance’s /oauth_auth.do and refuses a start body missing the client or naming other fields', async () => {
    const started = await start({ tables: ['incident'] });
    const url = new URL(started.json.data.authorizationUrl as string);
    expect(`${url.origin}${url.pathname}`).to.equal(`${api.servicenow!.baseUrl}/oauth_auth.do`);
    expect(Object.fromEntries(url.searchParams)).to.deep.include({ response_type: 'code', client_id: client.clientId, redirect_uri: SERVICENOW_REDIRECT_URI });
    const missing = await api.http.call('POST', '/api/integrations/oauth/servicenow/start', { token: a, body: { baseUrl: api.servicenow!.baseUrl, clientId: 'x' } });
    expect(missing.status).to.equal(400);
    expect(missing.json.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['clientSecret']);
    expect((await start({ username: 'someone' })).json.error.details).to.deep.include({ path: 'username', message: 'is not an allowed field' });
  });

  it('connects the instance with the code exchanged form-encoded at /oauth_token.do, then syncs with the bearer token', async () => {
    const connection = await connect({ tables: ['incident', 'sc_task'] });
    const host = new URL(api.servicenow!.baseUrl).host;
    expect(connection).to.deep.include({ provider: 'servicenow', site: host, clientId: client.clientId, hasClientSecret: true, tables: ['incident', 'sc_task'], authorizationStatus: 'active' });
    expect(connection.oauth).to.deep.include({ instance: host });
    const report = (await sync(connection.id)).json.data;
    expect(report).to.deep.include({ status: 'succeeded', created: sim().store.size('incident') + sim().store.size('sc_task') });
    expect(sim().requests.entries().filter((r) => r.table === 'incident').every((r) => r.account === 'taskport.integration')).to.equal(true);
    for (const secret of [...(await storedCiphertexts(api.orm)), client.clientSecret]) expect(api.http.seen.join('\n')).to.not.include(secret);
  });

  it('checks the filter with the new grant at the callback, and a changed one with a fresh token', async () => {
    const refused = await authorize({ filter: 'activ=true' });
    expect(refused.status).to.equal(422);
    expect(refused.json.error.details[0]).to.deep.include({ path: 'filter' });
    const connection = await connect({ filter: 'active=true' });
    api.advanceClock(NEAR_EXPIRY_MS);
    const typo = await api.http.call('PATCH', `/api/integrations/${connection.id}`, { token: a, body: { filter: 'assignment_group.nmae=Network' } });
    expect(typo.json.error.details[0].message).to.match(/sys_user_group has no field 'nmae'/);
    expect(sim().oauth.tokenRequests().refreshToken).to.equal(1);
    const changed = await api.http.call('PATCH', `/api/integrations/${connection.id}`, { token: a, body: { filter: 'assignment_group.name=Network' } });
    expect(changed.json.data).to.deep.include({ filter: 'assignment_group.name=Network' });
  });

  it('refreshes near expiry and keeps the refresh token, which does not rotate: it works again the next time', async () => {
    const { id } = await connect();
    api.advanceClock(NEAR_EXPIRY_MS);
    expect((await sync(id)).status).to.equal(200);
    api.advanceClock(NEAR_EXPIRY_MS);
    expect((await sync(id)).status).to.equal(200);
    expect(sim().oauth.tokenRequests()).to.deep.include({ authorizationCode: 1, refreshToken: 2 });
    const shown = (await api.http.call('GET', `/api/integrations/${id}`, { token: a })).json.data;
    expect(shown).to.deep.include({ authorizationStatus: 'active' });
  });

  it('marks the connection for reauthorization when the instance refuses the refresh token, and a new consent revives it', async () => {
    const { id } = await connect();
    sim().oauth.revokeAll();
    api.advanceClock(NEAR_EXPIRY_MS);
    const refused = await sync(id);
    expect(refused.status).to.equal(409);
    expect(refused.json.error.code).to.equal('integration/reauthorization-required');
    expect((await api.http.call('GET', `/api/integrations/${id}`, { token: a })).json.data).to.include({ authorizationStatus: 'reauthorization_required' });
    expect((await connect()).id).to.equal(id);
    expect((await sync(id)).status).to.equal(200);
  });
});
