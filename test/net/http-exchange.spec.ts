import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { bodyJson, createHttpClient, type HttpClientOptions, type HttpOutcome, type HttpRequest, type ResolveAll } from '../../adapters/net/index.js';

const ISSUE = JSON.stringify({ id: '10001', fields: { summary: 'Ünïcödé summary ✓', description: 'x'.repeat(20_000) } });

/** A page of 300 issues (about 180 KB, over the size above which JSON is parsed in pieces), with what JSON.parse must keep. */
const PAGE = JSON.stringify({
  issues: Array.from({ length: 300 }, (_, i) => ({ id: String(10_000 + i), fields: { summary: `Ünïcödé 😀 "quoted" [${i}] {\\}`, description: 'y'.repeat(500) } })),
  isLast: false,
}).replace('{"issues"', '{"__proto__":{"own":true}, "issues"');

/** What the test server answers, by path; what it received is recorded in `seen`. */
const answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
  switch (req.url) {
    case '/gzip':
      return res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(zlib.gzipSync(ISSUE));
    case '/deflate':
      return res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateSync(ISSUE));
    case '/raw-deflate':
      return res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateRawSync(ISSUE));
    case '/br':
      return res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync(ISSUE));
    case '/plain':
      return res.writeHead(200, { 'content-type': 'application/json', 'x-many': ['a', 'b'] }).end(ISSUE);
    case '/chunked':
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let at = 0; at < ISSUE.length; at += 1000) res.write(ISSUE.slice(at, at + 1000));
      return res.end();
    case '/page':
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let at = 0; at < PAGE.length; at += 7000) res.write(PAGE.slice(at, at + 7000));
      return res.end();
    case '/page-gzip':
      return res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(PAGE));
    case '/page-truncated':
      return res.writeHead(200).end(PAGE.slice(0, -2));
    case '/large':
      return res.writeHead(200).end('x'.repeat(4096));
    case '/gzip-bomb':
      return res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(1024 * 1024)));
    case '/headers-then-silence':
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.write('{"issues":[');
    case '/silence':
      return undefined;
    case '/reset-before-answer':
      return req.socket.destroy();
    case '/reset-mid-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
      return res.write('{"issues":[', () => req.socket.destroy());
    case '/no-content':
      return res.writeHead(204, { 'content-encoding': 'gzip' }).end();
    case '/echo':
      return res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, headers: req.headers, body }));
    default:
      return res.writeHead(404).end();
  }
};

describe('HTTP exchange (one attempt over real HTTP)', () => {
  let server: http.Server;
  let port: number;
  const sockets = new Set<Socket>();
  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    server.on('connection', (socket: Socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    sockets.forEach((socket) => socket.destroy());
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => sockets.clear());

  const send = async (path: string, options: Partial<HttpClientOptions> = {}, request: Partial<HttpRequest> = {}): Promise<HttpOutcome> => {
    const client = createHttpClient({ allowPrivateNetwork: true, retry: { maxAttempts: 1 }, ...options });
    try {
      return await client.send({ method: 'GET', url: new URL(`http://127.0.0.1:${port}${path}`), headers: {}, ...request }, { connectionKey: 'k', idempotent: true });
    } finally {
      client.close();
    }
  };
  const bodyOf = (outcome: HttpOutcome) => (E.isRight(outcome) ? outcome.right.body : expect.fail(`expected an answer, got ${JSON.stringify(outcome.left)}`));
  const failureOf = (outcome: HttpOutcome) => (E.isLeft(outcome) ? outcome.left : expect.fail(`expected a failure, got ${outcome.right.status}`));

  it('decodes gzip, deflate (zlib and raw) and brotli answers into the text sent', async () => {
    for (const path of ['/gzip', '/deflate', '/raw-deflate', '/br']) expect(bodyOf(await send(path)), path).to.equal(ISSUE);
  });

  it('reads a plain answer, whole in one chunk or in many, as UTF-8, and its headers by any case, repeated ones joined', async () => {
    expect(bodyOf(await send('/chunked'))).to.equal(ISSUE);
    const plain = await send('/plain');
    expect(bodyOf(plain)).to.equal(ISSUE);
    const response = E.isRight(plain) ? plain.right : expect.fail('expected an answer');
    expect([response.status, response.header('Content-Type'), response.header('x-many'), response.header('x-absent')]).to.deep.equal([200, 'application/json', 'a, b', null]);
  });

  it('parses a large answer, plain in many chunks or gzipped, to what JSON.parse of its text gives, and keeps its text', async () => {
    for (const path of ['/page', '/page-gzip']) {
      const outcome = await send(path);
      const response = E.isRight(outcome) ? outcome.right : expect.fail(`expected an answer to ${path}`);
      const parsed = bodyJson(response);
      expect(JSON.stringify(parsed), path).to.equal(JSON.stringify(JSON.parse(PAGE)));
      expect(Object.keys(parsed as object), path).to.deep.equal(['__proto__', 'issues', 'isLast']);
      // Parsing consumed the bytes; the text is had by reading it first.
      expect(() => response.body, path).to.throw(/consumed/);
      const again = await send(path);
      const other = E.isRight(again) ? again.right : expect.fail(`expected an answer to ${path}`);
      expect(other.body, path).to.equal(PAGE);
      expect(JSON.stringify(bodyJson(other)), `${path} once read as text`).to.equal(JSON.stringify(parsed));
      expect(other.body, path).to.equal(PAGE);
    }
    const truncated = await send('/page-truncated');
    const response = E.isRight(truncated) ? truncated.right : expect.fail('expected an answer');
    const expected = (() => {
      try {
        return JSON.parse(PAGE.slice(0, -2)) as unknown;
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(() => bodyJson(response)).to.throw(SyntaxError, expected as string);
  });

  it('answers a 204 with an empty body even when it names an encoding', async () => {
    const outcome = await send('/no-content');
    expect(E.isRight(outcome) && [outcome.right.status, outcome.right.body]).to.deep.equal([204, '']);
  });

  it('sends the method, headers and body, asks for compressed answers and says how long the body is', async () => {
    const body = '{"jql":"summary ~ \\"é\\""}';
    const outcome = await send('/echo', {}, { method: 'POST', headers: { authorization: 'Basic c2VjcmV0', 'content-type': 'application/json' }, body });
    const echoed = JSON.parse(bodyOf(outcome)) as { method: string; headers: Record<string, string>; body: string };
    expect([echoed.method, echoed.body]).to.deep.equal(['POST', body]);
    expect(echoed.headers).to.include({ authorization: 'Basic c2VjcmV0', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    expect(echoed.headers['accept-encoding']).to.include('gzip');
  });

  it('keeps the connection alive between requests', async () => {
    const client = createHttpClient({ allowPrivateNetwork: true });
    for (let i = 0; i < 3; i += 1) {
      const outcome = await client.send({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/plain`), headers: {} }, { connectionKey: 'k', idempotent: true });
      expect(bodyOf(outcome)).to.equal(ISSUE);
    }
    client.close();
    expect(sockets.size).to.equal(1);
  });

  it('refuses a body over the limit, compressed or once decompressed', async () => {
    expect(failureOf(await send('/large', { maxBodyBytes: 1024 }))).to.deep.include({ kind: 'too-large', limitBytes: 1024 });
    expect(failureOf(await send('/gzip-bomb', { maxBodyBytes: 64 * 1024 }))).to.deep.include({ kind: 'too-large', limitBytes: 64 * 1024 });
  });

  it('times out a server that never answers, and one that stops in the middle of the body', async () => {
    for (const path of ['/silence', '/headers-then-silence']) {
      expect(failureOf(await send(path, { timeoutMs: 200 })), path).to.deep.equal({ kind: 'timeout', host: `127.0.0.1:${port}`, timeoutMs: 200 });
    }
  });

  it('maps a connection reset, before the answer or in the middle of the body, to a network failure worth retrying', async () => {
    for (const path of ['/reset-before-answer', '/reset-mid-body']) {
      expect(failureOf(await send(path)), path).to.deep.equal({ kind: 'network', host: `127.0.0.1:${port}`, code: 'ECONNRESET' });
    }
  });

  it('answers a request it cannot send (a header with a line break) with a failure, never a throw', async () => {
    const outcome = await send('/echo', {}, { headers: { 'x-injected': 'a\r\nx-other: b' } });
    expect(failureOf(outcome)).to.deep.equal({ kind: 'network', host: `127.0.0.1:${port}`, code: 'ERR_INVALID_CHAR' });
  });

  it('maps a refused connection and a blocked address to their own failures', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = createHttpClient({ allowPrivateNetwork: true, retry: { maxAttempts: 1 } });
    const refused = await client.send({ method: 'GET', url: new URL(`http://127.0.0.1:${closedPort}/`), headers: {} }, { connectionKey: 'k', idempotent: true });
    client.close();
    expect(failureOf(refused)).to.deep.equal({ kind: 'refused', host: `127.0.0.1:${closedPort}` });
    const toMetadata: ResolveAll = (_hostname, _options, callback) => callback(null, [{ address: '169.254.169.254', family: 4 }]);
    const guarded = createHttpClient({ allowPrivateNetwork: true, resolve: toMetadata, retry: { maxAttempts: 1 } });
    const blocked = await guarded.send({ method: 'GET', url: new URL(`http://jira.example.test:${port}/plain`), headers: {} }, { connectionKey: 'k', idempotent: true });
    guarded.close();
    expect(failureOf(blocked)).to.deep.include({ kind: 'blocked', host: `jira.example.test:${port}` });
    expect(failureOf(blocked)).to.have.property('reason').that.includes('metadata');
  });
});
