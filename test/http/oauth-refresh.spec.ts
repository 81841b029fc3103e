import { expect } from 'chai';
import { connectWithOAuth, startOAuthTestApi, type ApiProcess, type OAuthTestApi } from './support/oauth-test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

/** Fifty-five minutes after the grant, the hour-long access token is within five minutes of expiring. */
const NEAR_EXPIRY_MS = 55 * 60_000;

interface StoredGrant {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: string;
  readonly status: string;
}

describe('Jira OAuth 2.0 (3LO) over HTTP: token refresh', () => {
  let api: OAuthTestApi;
  let id: string;
  const a = tokenFor(ORG_A);
  beforeEach(async () => {
    // Token answers take a while, so calls that need a refresh are all waiting at once.
    api = await startOAuthTestApi({ oauth: { tokenLatencyMs: 150 } });
    id = await connectWithOAuth(api, a);
  });
  afterEach(() => api.close());

  const stored = async (): Promise<StoredGrant> => {
    const [row] = await api.orm.em.fork().execute<Array<{ oauth_grant: StoredGrant }>>('select oauth_grant from integration_connections where id = ?', [id]);
    return row!.oauth_grant;
  };
  const testOn = (process: ApiProcess = api) => process.http.call('POST', `/api/integrations/${id}/test`, { token: a });
  const refreshes = () => api.simulator.oauth.tokenRequests().refreshToken;

  it('uses the token as it is until it nears its expiry, then refreshes it once and stores the rotated pair', async () => {
    const before = await stored();
    api.advanceClock(NEAR_EXPIRY_MS - 1000);
    expect((await testOn()).json.data).to.include({ connected: true });
    expect(refreshes()).to.equal(0);

    api.advanceClock(1000);
    expect((await testOn()).json.data).to.include({ connected: true });
    const after = await stored();
    expect(refreshes()).to.equal(1);
    expect(after.accessToken).not.to.equal(before.accessToken);
    expect(after.refreshToken).not.to.equal(before.refreshToken);
    expect(Date.parse(after.expiresAt)).to.be.greaterThan(Date.parse(before.expiresAt));
    expect((await api.http.call('GET', `/api/integrations/${id}`, { token: a })).json.data.oauth.accessTokenExpiresAt).to.equal(new Date(after.expiresAt).toISOString());

    // An hour later the old access token is dead at the gateway; only the stored new one works.
    api.advanceClock(10 * 60_000);
    expect((await testOn()).json.data).to.include({ connected: true });
    expect(refreshes()).to.equal(1);
  });

  it('lets twenty concurrent calls that all need a refresh share one refresh request, and all succeed', async () => {
    api.advanceClock(NEAR_EXPIRY_MS);
    const answers = await Promise.all(Array.from({ length: 20 }, () => testOn()));
    expect(answers.map((r) => [r.status, r.json.data?.connected ?? r.json.error?.code])).to.deep.equal(answers.map(() => [200, true]));
    expect(refreshes()).to.equal(1);
  });

  it('refreshes once when two API processes race for the same connection; the loser uses the winner’s tokens', async () => {
    const other = await api.startAnotherProcess();
    api.advanceClock(NEAR_EXPIRY_MS);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => testOn(i % 2 === 0 ? api : other)));
    expect(answers.map((r) => [r.status, r.json.data?.connected ?? r.json.error?.code])).to.deep.equal(answers.map(() => [200, true]));
    expect(refreshes()).to.equal(1);
    expect((await stored()).status).to.equal('active');
  });

  it('syncs end to end over a connection whose token had to be refreshed first', async () => {
    api.advanceClock(NEAR_EXPIRY_MS);
    const report = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a });
    expect(report.status).to.equal(200);
    expect(report.json.data).to.include({ status: 'succeeded', created: 12 });
    expect(refreshes()).to.equal(1);
  });

  it('marks the connection for reauthorization when a stale refresh token is refused, and refuses to sync without retrying', async () => {
    const lost = await stored();
    api.advanceClock(NEAR_EXPIRY_MS);
    await testOn();
    // As if a process had refreshed and then lost the rotated pair: the spent refresh token is back.
    await api.orm.em.fork().execute('update integration_connections set oauth_grant = ?::jsonb where id = ?', [JSON.stringify(lost), id]);

    const refused = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a });
    expect([refused.status, refused.json.error.code]).to.deep.equal([409, 'integration/reauthorization-required']);
    expect(refused.json.error.message).to.contain('authorize');
    const shown = await api.http.call('GET', `/api/integrations/${id}`, { token: a });
    expect(shown.json.data.authorizationStatus).to.equal('reauthorization_required');
    expect(refreshes()).to.equal(2);

    api.advanceClock(60 * 60_000);
    const again = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a });
    expect(again.json.error.code).to.equal('integration/reauthorization-required');
    expect((await testOn()).json.error.code).to.equal('integration/reauthorization-required');
    expect(refreshes()).to.equal(2);
    expect((await api.http.call('GET', `/api/integrations/${id}/sync-runs`, { token: a })).json.data).to.deep.equal([]);
  });

  it('authorizing the site again gives the same connection a new grant, keeping its settings', async () => {
    await api.http.call('PATCH', `/api/integrations/${id}`, { token: a, body: { jqlFilter: 'project = OPS' } });
    api.simulator.oauth.revokeAll();
    api.advanceClock(NEAR_EXPIRY_MS);
    expect((await testOn()).json.error.code).to.equal('integration/reauthorization-required');
    expect(await connectWithOAuth(api, a)).to.equal(id);
    const restored = await api.http.call('GET', `/api/integrations/${id}`, { token: a });
    expect(restored.json.data).to.include({ authorizationStatus: 'active', jqlFilter: 'project = OPS' });
    expect((await testOn()).json.data).to.include({ connected: true });
    expect((await api.http.call('GET', '/api/integrations', { token: a })).json.data).to.have.length(1);
  });
});
