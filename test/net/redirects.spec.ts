import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createHttpClient, type RedirectRule, type ResolveAll } from '../../adapters/net/index.js';

const resolvingEverythingTo =
  (address: string): ResolveAll =>
  (_hostname, _options, callback) =>
    callback(null, [{ address, family: 4 }]);

/** The test's own rule: only from one `.test` host to another. */
const withinTest: RedirectRule = (from, to) => from.hostname.endsWith('.test') && to.hostname.endsWith('.test');

describe('HTTP client redirects', () => {
  let server: http.Server;
  let port: number;
  const seen: Array<{ host: string; method: string; path: string; body: string; authorization: string | undefined }> = [];
  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const host = (req.headers.host ?? '').split(':')[0] ?? '';
        seen.push({ host, method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), authorization: req.headers.authorization });
        const moved = (location: string) => res.writeHead(301, { location }).end();
        if (host === 'old.test') return moved(`http://new.test:${port}${req.url}`);
        if (host === 'loop.test') return moved(`http://loop.test:${port}${req.url}`);
        if (host === 'metadata.test') return moved('http://169.254.169.254/latest/meta-data/');
        if (host === 'outside.test') return moved(`http://elsewhere.example:${port}/`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => void (seen.length = 0));

  const post = async (host: string, followRedirect?: RedirectRule, resolve: ResolveAll = resolvingEverythingTo('127.0.0.1')) => {
    const client = createHttpClient({ allowPrivateNetwork: true, resolve, ...(followRedirect === undefined ? {} : { followRedirect }) });
    const outcome = await client.send(
      { method: 'POST', url: new URL(`http://${host}:${port}/rest/search`), headers: { authorization: 'Basic c2VjcmV0', 'content-type': 'application/json' }, body: '{"q":1}' },
      { connectionKey: 'k', idempotent: true, maxAttempts: 1 },
    );
    client.close();
    return outcome;
  };

  it('follows a redirect its rule allows with the same method, body and headers, and says where the answer came from', async () => {
    const outcome = await post('old.test', withinTest);
    expect(E.isRight(outcome) && [outcome.right.status, outcome.right.redirectedTo?.href]).to.deep.equal([200, `http://new.test:${port}/rest/search`]);
    expect(seen.map((r) => [r.host, r.method, r.path, r.body, r.authorization])).to.deep.equal([
      ['old.test', 'POST', '/rest/search', '{"q":1}', 'Basic c2VjcmV0'],
      ['new.test', 'POST', '/rest/search', '{"q":1}', 'Basic c2VjcmV0'],
    ]);
  });

  it('follows nothing without a rule, or where its rule refuses, and names where it pointed', async () => {
    for (const [host, rule] of [['old.test', undefined], ['outside.test', withinTest]] as const) {
      const outcome = await post(host, rule);
      expect(E.isLeft(outcome) && outcome.left).to.deep.include({ kind: 'redirect', status: 301 });
    }
    expect(seen.map((r) => r.host)).to.deep.equal(['old.test', 'outside.test']);
  });

  it('puts every target through the network guard: an address literal, and a name resolving to a metadata address', async () => {
    const anyTarget: RedirectRule = () => true;
    const literal = await post('metadata.test', anyTarget);
    expect(E.isLeft(literal) && literal.left).to.deep.include({ kind: 'blocked', host: '169.254.169.254' });
    const resolve: ResolveAll = (hostname, options, callback) => resolvingEverythingTo(hostname === 'new.test' ? '169.254.169.254' : '127.0.0.1')(hostname, options, callback);
    const named = await post('old.test', withinTest, resolve);
    expect(E.isLeft(named) && named.left).to.deep.include({ kind: 'blocked', host: `new.test:${port}` });
    expect(seen.map((r) => r.host)).to.deep.equal(['metadata.test', 'old.test']);
  });

  it('gives up on a redirect loop after three hops', async () => {
    const outcome = await post('loop.test', withinTest);
    expect(E.isLeft(outcome) && outcome.left.kind).to.equal('redirect');
    expect(seen).to.have.length(4);
  });
});
