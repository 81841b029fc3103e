import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import path from 'node:path';
import { DEMO_ORGANIZATION_ID, developmentToken } from '../../apps/api/dev-token.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { TEST_JWT_SECRET } from './support/tokens.js';

const FIXTURE = path.resolve(import.meta.dirname, 'fixtures/console');

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join(';');

describe('HTTP: the console routes', function () {
  this.timeout(30_000);
  let api: TestApi;
  let withoutDevSignIn: TestApi;

  before(async () => {
    api = await startTestApi({
      console: { staticDir: FIXTURE, developmentToken: () => ({ token: developmentToken(TEST_JWT_SECRET), organizationId: DEMO_ORGANIZATION_ID }) },
    });
  });
  after(async () => {
    await api?.close();
    await withoutDevSignIn?.close();
  });

  it('serves the page for every console path, with a strict CSP and the security headers', async () => {
    for (const route of ['/console', '/console/', '/console/connections/abc/mappings', '/console/tasks?status=done']) {
      const response = await api.http.call('GET', route);
      expect(response.status, route).to.equal(200);
      expect(response.text).to.contain('console fixture');
      expect(response.headers.get('content-type')).to.match(/^text\/html/);
      expect(response.headers.get('cache-control')).to.equal('no-cache');
      expect(response.headers.get('content-security-policy')).to.equal(CSP);
      expect(response.headers.get('x-frame-options')).to.equal('DENY');
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).to.equal('same-origin');
      expect(response.headers.get('cross-origin-resource-policy')).to.equal('same-origin');
      expect(response.headers.get('origin-agent-cluster')).to.equal('?1');
      expect(response.headers.get('strict-transport-security')).to.match(/^max-age=\d+/);
    }
  });

  it('serves hashed assets for a year, and nothing outside the build', async () => {
    const asset = await api.http.call('GET', '/console/assets/app-0123abcd.js');
    expect(asset.status).to.equal(200);
    expect(asset.headers.get('content-type')).to.match(/javascript/);
    expect(asset.headers.get('cache-control')).to.equal('max-age=31536000,immutable');
    expect(asset.headers.get('content-security-policy')).to.equal(CSP);
    expect((await api.http.call('GET', '/console/assets/missing.js')).status).to.equal(404);
    for (const sneaky of ['/console/assets/..%2f..%2f..%2fpackage.json', '/console/assets/%2e%2e%2findex.html']) {
      const response = await api.http.call('GET', sneaky);
      expect(response.status, sneaky).to.equal(404);
      expect(response.text).not.to.contain('"name"');
    }
  });

  it('mints a development token for the demo organization, never cached', async () => {
    expect((await api.http.call('GET', '/console/dev-sign-in')).json).to.deep.equal({ data: { available: true } });
    const minted = await api.http.call('POST', '/console/dev-sign-in');
    expect(minted.status).to.equal(200);
    expect(minted.headers.get('cache-control')).to.equal('no-store');
    const claims = jwt.verify(minted.json.data.token, TEST_JWT_SECRET) as jwt.JwtPayload;
    expect(claims.organizationId).to.equal(DEMO_ORGANIZATION_ID);
    const listed = await api.http.call('GET', '/api/integrations', { token: minted.json.data.token });
    expect(listed.status).to.equal(200);
  });

  it('answers 404 console/dev-sign-in-off without development sign-in, and 503 when the console is not built', async () => {
    withoutDevSignIn = await startTestApi({ console: { staticDir: path.join(FIXTURE, 'missing'), frameAncestors: ['https://product.example'] } });
    for (const method of ['GET', 'POST']) {
      const response = await withoutDevSignIn.http.call(method, '/console/dev-sign-in');
      expect(response.status).to.equal(404);
      expect(response.json.error.code).to.equal('console/dev-sign-in-off');
    }
    const page = await withoutDevSignIn.http.call('GET', '/console/');
    expect(page.status).to.equal(503);
    expect(page.json.error.code).to.equal('console/not-built');
    expect(page.headers.get('content-security-policy')).to.contain("frame-ancestors https://product.example");
    expect(page.headers.get('x-frame-options')).to.equal(null);
  });

  it('leaves the API without the console headers', async () => {
    const health = await api.http.call('GET', '/healthz');
    expect(health.headers.get('content-security-policy')).to.equal(null);
  });
});
