import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createHttpClient, localRequestBudget } from '../../adapters/net/index.js';

/** A clock that moves only when something sleeps, so waits are recorded instead of waited. */
const fakeTime = () => {
  let t = Date.parse('2026-03-01T10:00:00Z');
  const waits: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)), waits };
};

describe('HTTP clients sharing a request budget', () => {
  let server: http.Server;
  let url: string;
  let answers: number[] = [];
  before(async () => {
    server = http.createServer((_req, res) => {
      const status = answers.shift() ?? 200;
      res.writeHead(status, status === 429 ? { 'retry-after': '30', 'content-type': 'application/json' } : { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = () => ({ method: 'GET' as const, url: new URL(url), headers: {} });

  it('make every client wait out a Retry-After that one of them was told for the same key, and no other key', async () => {
    const time = fakeTime();
    const budget = localRequestBudget(time);
    const [a, b] = [createHttpClient({ allowPrivateNetwork: true, budget, ...time }), createHttpClient({ allowPrivateNetwork: true, budget, ...time })];
    const policy = { capacity: 100, refillPerSecond: 100 };
    answers = [429];
    const refused = await a.send(request(), { connectionKey: 'a', idempotent: true, maxAttempts: 1, budget: { key: 'site-1', policy } });
    expect(E.isRight(refused) && refused.right.status).to.equal(429);
    time.waits.length = 0;
    const other = await b.send(request(), { connectionKey: 'b', idempotent: true, budget: { key: 'site-2', policy } });
    expect(E.isRight(other) && other.right.status).to.equal(200);
    expect(time.waits).to.deep.equal([]);
    const same = await b.send(request(), { connectionKey: 'b', idempotent: true, budget: { key: 'site-1', policy } });
    expect(E.isRight(same) && same.right.status).to.equal(200);
    expect(time.waits.reduce((sum, ms) => sum + ms, 0)).to.be.within(29_000, 30_000);
    a.close();
    b.close();
  });

  it('spend one token per attempt, so a burst beyond the bucket waits for its refill', async () => {
    const time = fakeTime();
    const client = createHttpClient({ allowPrivateNetwork: true, budget: localRequestBudget(time), ...time });
    const policy = { capacity: 2, refillPerSecond: 0.5 };
    for (let i = 0; i < 3; i += 1) await client.send(request(), { connectionKey: 'c', idempotent: true, budget: { key: 'conn-1', policy } });
    expect(time.waits).to.deep.equal([2000]);
    client.close();
  });
});
