import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { loadOpenApiDocument } from '../../adapters/http/docs/openapi-document.js';
import { openApiDocumentPath } from '../../apps/api/openapi-location.js';
import { startTestApi, type TestApi } from './support/test-api.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE = path.join(ROOT, 'docs/openapi.yaml');

const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join(';');

describe('HTTP: the API documentation', function () {
  this.timeout(30_000);
  let api: TestApi;

  before(async () => {
    api = await startTestApi({ issues: 1, apiDocs: loadOpenApiDocument(openApiDocumentPath()) });
  });
  after(async () => api?.close());

  it('serves docs/openapi.yaml as JSON at /api/openapi.json, with no token', async () => {
    const response = await api.http.call('GET', '/api/openapi.json');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    expect(response.headers.get('cache-control')).to.equal('no-cache');
    expect(response.json).to.deep.equal(parse(readFileSync(SOURCE, 'utf8')));
    expect(response.json.paths['/api/openapi.json'].get.security, 'the document says it is public').to.deep.equal([]);
  });

  it('serves the page at /docs under its own strict Content-Security-Policy', async () => {
    for (const route of ['/docs', '/docs/']) {
      const response = await api.http.call('GET', route);
      expect(response.status, route).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/html/);
      expect(response.headers.get('content-security-policy')).to.equal(DOCS_CSP);
      expect(response.headers.get('x-frame-options')).to.equal('DENY');
      expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(response.text).to.contain('<script src="/docs/assets/swagger-ui-bundle.js"></script>');
      expect(response.text, 'no inline script').to.not.match(/<script>/);
    }
  });

  it('serves the Swagger UI files the page names, and no other file of the package', async () => {
    const bundle = await api.http.call('GET', '/docs/assets/swagger-ui-bundle.js');
    expect([bundle.status, bundle.headers.get('content-type')]).to.deep.equal([200, 'text/javascript; charset=utf-8']);
    expect(bundle.headers.get('content-security-policy')).to.equal(DOCS_CSP);
    expect((await api.http.call('GET', '/docs/assets/swagger-ui.css')).status).to.equal(200);
    expect((await api.http.call('GET', '/docs/assets/start-docs.js')).text).to.contain("url: '/api/openapi.json'");
    for (const route of ['/docs/assets/package.json', '/docs/assets/index.html', '/docs/assets/..%2Fpackage.json', '/docs/assets/swagger-ui.js.map']) {
      expect((await api.http.call('GET', route)).status, route).to.equal(404);
    }
  });
});

describe('where the API finds docs/openapi.yaml', () => {
  it('is the repository copy, run with tsx from apps/api or compiled from dist/apps/api', () => {
    expect(openApiDocumentPath()).to.equal(SOURCE);
    expect(openApiDocumentPath(path.join(ROOT, 'dist/apps/api'))).to.equal(SOURCE);
  });

  it('travels in the npm package, beside the package.json the API looks for', async function () {
    this.timeout(60_000);
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    expect(packed!.files.map((file) => file.path)).to.include.members(['package.json', 'docs/openapi.yaml']);
  });
});
