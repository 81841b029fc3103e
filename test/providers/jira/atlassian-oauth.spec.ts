import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { atlassianOAuth, type AtlassianOAuthOptions } from '../../../adapters/providers/jira/atlassian-oauth.js';
import { SIMULATOR_OAUTH_CLIENT, SIMULATOR_SITE, startJiraSimulator, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
import { expectLeft, expectRight } from '../../support/either.js';

const REDIRECT_URI = 'https://taskport.test/callback';
/** Atlassian's client is taskport's own: authorizations carry no client of their own. */
const NO_CLIENT = { baseUrl: null, settings: {}, secrets: {} };

const providerFor = (base: string, overrides: Partial<AtlassianOAuthOptions> = {}) =>
  atlassianOAuth({
    clientId: SIMULATOR_OAUTH_CLIENT.clientId,
    clientSecret: SIMULATOR_OAUTH_CLIENT.clientSecret,
    redirectUris: [REDIRECT_URI],
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/oauth/token`,
    apiGatewayUrl: base,
    allowPrivateNetwork: true,
    timeoutMs: 2_000,
    sleep: async () => undefined,
    ...overrides,
  });

/** Follows the consent URL as a browser would and answers the code it was sent back with. */
const consent = async (authorizationUrl: string) => {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  return new URL(response.headers.get('location')!).searchParams.get('code')!;
};

describe('Atlassian OAuth provider (oauth4webapi) against the simulator', () => {
  let sim: JiraSimulator;
  let provider: ReturnType<typeof atlassianOAuth>;
  before(async () => {
    sim = await startJiraSimulator({ issues: 1 });
    provider = providerFor(sim.url);
  });
  after(async () => {
    provider.close();
    await sim.close();
  });

  it('exchanges a code, lists the Jira site, and rotates the refresh token', async () => {
    const tokens = await expectRight(provider.exchangeCode(await consent(provider.authorizationUrl('s', REDIRECT_URI, NO_CLIENT)), REDIRECT_URI, NO_CLIENT));
    expect(tokens).to.deep.include({ expiresInSeconds: 3600, scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'] });
    expect(await expectRight(provider.sites(tokens.accessToken, NO_CLIENT))).to.deep.equal([
      { id: SIMULATOR_SITE.id, name: SIMULATOR_SITE.name, url: sim.url, scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user'] },
    ]);
    const rotated = await expectRight(provider.refresh(tokens.refreshToken!, NO_CLIENT));
    expect(rotated.refreshToken).to.be.a('string').and.not.equal(tokens.refreshToken);
    expect(await expectLeft(provider.refresh(tokens.refreshToken!, NO_CLIENT))).to.deep.equal({
      _tag: 'OAuthGrantRejected',
      error: 'invalid_grant',
      description: 'Unknown or invalid refresh token.',
    });
  });

  it('reports a spent code and a wrong client secret as the grant refused', async () => {
    const code = await consent(provider.authorizationUrl('s', REDIRECT_URI, NO_CLIENT));
    await expectRight(provider.exchangeCode(code, REDIRECT_URI, NO_CLIENT));
    expect(await expectLeft(provider.exchangeCode(code, REDIRECT_URI, NO_CLIENT))).to.include({ _tag: 'OAuthGrantRejected', error: 'invalid_grant' });
    const wrongSecret = providerFor(sim.url, { clientSecret: 'wrong' });
    const refused = await expectLeft(wrongSecret.exchangeCode(await consent(provider.authorizationUrl('s', REDIRECT_URI, NO_CLIENT)), REDIRECT_URI, NO_CLIENT));
    wrongSecret.close();
    expect(refused).to.include({ _tag: 'OAuthGrantRejected' });
  });

  it('answers an expired or unknown access token on accessible-resources as refused', async () => {
    expect(await expectLeft(provider.sites('sim-at-unknown', NO_CLIENT))).to.include({ _tag: 'OAuthGrantRejected' });
  });
});

describe('Atlassian OAuth provider: how token requests travel', () => {
  let server: http.Server;
  let base: string;
  const received: Array<{ contentType: string | undefined; body: string }> = [];
  let status = 200;
  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ contentType: req.headers['content-type'], body });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? JSON.stringify({ access_token: 'at', refresh_token: 'rt2', expires_in: 3600, token_type: 'Bearer', scope: 'read:jira-work' }) : '{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    status = 200;
  });

  it('sends the standard form encoding with the client credentials in the body', async () => {
    const provider = providerFor(base);
    expect(await expectRight(provider.refresh('rt1', NO_CLIENT))).to.deep.equal({ accessToken: 'at', refreshToken: 'rt2', expiresInSeconds: 3600, scopes: ['read:jira-work'] });
    provider.close();
    expect(received[0]!.contentType).to.match(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(received[0]!.body))).to.deep.equal({
      grant_type: 'refresh_token',
      refresh_token: 'rt1',
      client_id: SIMULATOR_OAUTH_CLIENT.clientId,
      client_secret: SIMULATOR_OAUTH_CLIENT.clientSecret,
    });
  });

  it('never sends a refresh again after a server error: the token may already be spent', async () => {
    status = 500;
    const provider = providerFor(base);
    expect(await expectLeft(provider.refresh('rt1', NO_CLIENT))).to.include({ _tag: 'SourceUnavailable' });
    provider.close();
    expect(received).to.have.length(1);
  });

  it('is refused by the network guard when private addresses are not allowed', async () => {
    const provider = providerFor(base.replace('http:', 'https:'), { allowPrivateNetwork: false });
    const blocked = await expectLeft(provider.refresh('rt1', NO_CLIENT));
    provider.close();
    expect(blocked).to.include({ _tag: 'SourceUnavailable' });
    expect(received).to.have.length(0);
  });
});
