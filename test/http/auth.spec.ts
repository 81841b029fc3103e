import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, TEST_JWT_SECRET, tokenFor } from './support/tokens.js';

const unsigned = (payload: object) =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

describe('HTTP authentication', () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi();
  });
  after(() => api.close());

  const now = () => Math.floor(Date.now() / 1000);
  const badTokens: Record<string, string | undefined> = {
    missing: undefined,
    malformed: 'not.a.jwt',
    expired: tokenFor(ORG_A, { expiresIn: -10 }),
    'wrongly signed': tokenFor(ORG_A, {}, 'another-secret-that-is-long-enough-000000'),
    'alg none': unsigned({ organizationId: ORG_A, sub: 'user-1', exp: now() + 3600 }),
    'without organizationId': jwt.sign({ scope: 'x' }, TEST_JWT_SECRET, { algorithm: 'HS256', subject: 'u', expiresIn: '1h' }),
    'without exp': jwt.sign({ organizationId: ORG_A, sub: 'u' }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
    'signed with another algorithm': jwt.sign({ organizationId: ORG_A }, TEST_JWT_SECRET, { algorithm: 'HS512', subject: 'u', expiresIn: '1h' }),
    'non-UUID organization (acme-corp)': tokenFor('acme-corp'),
    'space-padded organization UUID': tokenFor(` ${ORG_A} `),
    'SQL-shaped organization': tokenFor("' or '1'='1"),
    'valid for 100 years': tokenFor(ORG_A, { expiresIn: '100y' }),
    'expiring past the maximum lifetime (a day)': tokenFor(ORG_A, { expiresIn: 24 * 3600 + 3600 }),
  };

  for (const [name, token] of Object.entries(badTokens)) {
    it(`refuses a ${name} token with 401 auth/unauthorized`, async () => {
      for (const [method, path] of [['GET', '/api/integrations'], ['GET', '/api/external-tasks'], ['POST', '/api/external-user-mappings']] as const) {
        const response = await api.http.call(method, path, token === undefined ? {} : { token });
        expect(response.status, `${method} ${path}`).to.equal(401);
        expect(response.json.error.code).to.equal('auth/unauthorized');
      }
    });
  }

  it('accepts a token valid for the whole maximum lifetime (a day by default)', async () => {
    const response = await api.http.call('GET', '/api/integrations', { token: tokenFor(ORG_A, { expiresIn: '24h' }) });
    expect(response.status, response.text).to.equal(200);
  });

  it('accepts a valid token', async () => {
    const response = await api.http.call('GET', '/api/integrations', { token: tokenFor(ORG_A) });
    expect(response.status).to.equal(200);
    expect(response.json).to.deep.equal({ data: [] });
  });

  it('serves liveness and readiness without a token', async () => {
    expect((await api.http.call('GET', '/healthz')).json).to.deep.equal({ data: { status: 'ok' } });
    expect((await api.http.call('GET', '/readyz')).json).to.deep.equal({ data: { status: 'ready' } });
  });

  it('answers an unknown route with a stable code and a request id', async () => {
    const response = await api.http.call('GET', '/nowhere');
    expect(response.status).to.equal(404);
    expect(response.json.error.code).to.equal('route/not-found');
    expect(response.headers.get('x-request-id')).to.be.a('string');
  });
});

describe('HTTP authentication: a configured maximum token lifetime', () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ jwtMaxLifetimeSeconds: 600 });
  });
  after(() => api.close());

  it('accepts tokens expiring within it and refuses one expiring later', async () => {
    const within = await api.http.call('GET', '/api/integrations', { token: tokenFor(ORG_A, { expiresIn: '10m' }) });
    expect(within.status, within.text).to.equal(200);
    const beyond = await api.http.call('GET', '/api/integrations', { token: tokenFor(ORG_A, { expiresIn: '1h' }) });
    expect([beyond.status, beyond.json.error.code, beyond.json.error.message]).to.deep.equal([401, 'auth/unauthorized', 'The token must expire within 600 seconds']);
  });
});
