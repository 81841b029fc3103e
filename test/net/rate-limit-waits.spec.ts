import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createHttpClient, localRequestBudget, type HttpClientOptions } from '../../adapters/net/index.js';

type Answer = { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string };

/** A clock that moves only when something sleeps, so waits are recorded instead of waited. */
const fakeTime = () => {
  let t = Date.parse('2026-03-02T10:00:00Z');
  const waits: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)), waits };
};

// Atlassian says Retry-After "may" accompany a 429 (JRACLOUD-82801 asks for it always); a 429 can
// come with an HTML body and no hint at all, or with rate-limit reset headers instead.
describe('HTTP client waits after a 429 or 503', () => {
  let server: http.Server;
  let url: string;
  let answers: Answer[] = [];
  before(async () => {
    server = http.createServer((_req, res) => {
      const answer = answers.shift() ?? { status: 200 };
      res.writeHead(answer.status, { 'content-type': 'text/html', ...answer.headers });
      res.end(answer.body ?? '<html><body>Too many requests</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sendWith = async (queued: Answer[], options: Partial<HttpClientOptions> = {}, maxAttempts?: number) => {
    answers = [...queued];
    const time = fakeTime();
    const client = createHttpClient({ allowPrivateNetwork: true, random: () => 0.5, ...time, ...options });
    const outcome = await client.send({ method: 'GET', url: new URL(url), headers: {} }, { connectionKey: 'k', idempotent: true, ...(maxAttempts === undefined ? {} : { maxAttempts }) });
    client.close();
    const response = E.isRight(outcome) ? outcome.right : expect.fail('expected a response');
    return { response, waits: time.waits, advised: client.retryAfterMs(response) };
  };

  it('backs off for minutes, with jitter, when a 429 says nothing about when to come back, and advises the next step', async () => {
    const silent = { status: 429 };
    const { response, waits, advised } = await sendWith([silent, silent, silent, silent]);
    expect(response.status).to.equal(429);
    // random() is 0.5: three quarters of each 10 s, 20 s, 40 s step, then the 80 s step advised.
    expect(waits).to.deep.equal([7_500, 15_000, 30_000]);
    expect(advised).to.equal(60_000);
  });

  it('pauses briefly on Retry-After: 0 instead of asking again at once', async () => {
    const { response, waits } = await sendWith([{ status: 429, headers: { 'retry-after': '0' } }, { status: 200 }]);
    expect(response.status).to.equal(200);
    expect(waits).to.deep.equal([375]);
  });

  it('waits until a rate-limit reset instant, an epoch time or a number of seconds when there is no Retry-After', async () => {
    const inFiveMinutes = new Date(Date.parse('2026-03-02T10:05:00Z')).toISOString().slice(0, 16);
    const answersWith = (headers: Record<string, string>) => [{ status: 429, headers }, { status: 200 }];
    expect((await sendWith(answersWith({ 'x-ratelimit-reset': `${inFiveMinutes}Z` }), { retry: { maxRetryAfterMs: 600_000 } })).waits).to.deep.equal([300_000]);
    expect((await sendWith(answersWith({ 'ratelimit-reset': String(Date.parse('2026-03-02T10:00:42Z') / 1000) }))).waits).to.deep.equal([42_000]);
    expect((await sendWith(answersWith({ 'ratelimit-reset': '12' }))).waits).to.deep.equal([12_000]);
  });

  it('reads exhausted policies of a RateLimit field, under the names a tracker gives', async () => {
    const headers = { 'beta-ratelimit': '"tenant-app-quota";r=17842;t=2107, "burst";r=0;t=3' };
    const named = { rateLimitHeaders: { resetAt: [], policies: ['beta-ratelimit'] } };
    expect((await sendWith([{ status: 429, headers }, { status: 200 }], named)).waits).to.deep.equal([3_000]);
    expect((await sendWith([{ status: 429, headers }, { status: 200 }])).waits, 'unnamed headers are not read').to.deep.equal([7_500]);
  });

  it('answers a wait longer than it sits out at once, advising it, and pauses the shared budget for it', async () => {
    const time = fakeTime();
    const budget = localRequestBudget(time);
    answers = [{ status: 429, headers: { 'retry-after': '120' } }, { status: 200 }];
    const client = createHttpClient({ allowPrivateNetwork: true, ...time, budget });
    const policy = { capacity: 10, refillPerSecond: 10 };
    const outcome = await client.send({ method: 'GET', url: new URL(url), headers: {} }, { connectionKey: 'k', idempotent: true, budget: { key: 'site', policy } });
    expect(E.isRight(outcome) && [outcome.right.status, client.retryAfterMs(outcome.right)]).to.deep.equal([429, 120_000]);
    await client.send({ method: 'GET', url: new URL(url), headers: {} }, { connectionKey: 'k', idempotent: true, budget: { key: 'site', policy } });
    expect(time.waits).to.deep.equal([120_000]);
    client.close();
  });

  it('keeps the short backoff of a server error for a 503 without Retry-After', async () => {
    const { response, waits } = await sendWith([{ status: 503 }, { status: 200 }]);
    expect([response.status, waits]).to.deep.equal([200, [375]]);
  });
});
