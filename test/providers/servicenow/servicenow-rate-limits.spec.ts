import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { localRequestBudget } from '../../../adapters/net/index.js';
import { serviceNowIssueSource } from '../../../adapters/providers/servicenow/index.js';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import { recordedFixture } from '../../fixtures/recorded.js';
import { connectionTo, FULL_SYNC, tableReads } from './servicenow-harness.js';

/** A clock that moves only when something sleeps, so waits are recorded instead of waited. */
const fakeTime = () => {
  let t = Date.parse('2026-03-01T10:00:00Z');
  const waits: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)), waits };
};

type Answer = { readonly status: number; readonly headers?: Record<string, string>; readonly body: unknown };

/** Answers the queued answers in turn, then empty lists. */
const startStub = async () => {
  const answers: Answer[] = [];
  const server = http.createServer((_req, res) => {
    const answer = answers.shift() ?? { status: 200, body: { result: [] } };
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answers, close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())) };
};

const RATE_LIMITED = recordedFixture('servicenow', 'error-429-rate-limit.docs-example.json');

describe('ServiceNowIssueSource under rate limits', () => {
  let sim: ServiceNowSimulator;
  beforeEach(async () => {
    sim = await startServiceNowSimulator({ incidents: 12, faults: { retryAfterSeconds: 7 } });
  });
  afterEach(() => sim.close());

  const source = (time = fakeTime(), extra: Partial<Parameters<typeof serviceNowIssueSource>[0]> = {}) =>
    serviceNowIssueSource({ allowPrivateNetwork: true, random: () => 0.5, now: time.now, sleep: time.sleep, budget: localRequestBudget(time), overlapMs: 60_000, ...extra });

  it('waits out Retry-After on 429 and 503, then reads the page', async () => {
    const time = fakeTime();
    sim.faults.failNext('rate-limit');
    sim.faults.failNext('unavailable');
    const s = source(time);
    const page = await s.searchIssues(connectionTo(sim.url), FULL_SYNC, null)();
    s.close();
    expect(E.isRight(page) && page.right.issues).to.have.length(12);
    expect(tableReads(sim, 'incident').map((r) => r.status)).to.deep.equal([429, 503, 200]);
    expect(time.waits.reduce((sum, ms) => sum + ms, 0)).to.equal(14_000);
  });

  it('gives up with SourceRateLimited, the wait asked for and the instance’s words, once attempts run out', async () => {
    sim.faults.failNext('rate-limit-quota', 3);
    const s = source(fakeTime(), { retry: { maxAttempts: 3 } });
    const page = await s.searchIssues(connectionTo(sim.url), FULL_SYNC, null)();
    s.close();
    expect(E.isLeft(page) && page.left).to.deep.include({ _tag: 'SourceRateLimited', retryAfterMs: 7_000 });
    expect(E.isLeft(page) && page.left.message).to.include('Rate limit of 100 requests per hour for Table API exceeded');
    expect(tableReads(sim, 'incident')).to.have.length(3);
  });

  /** One process refused once (it gives up at once), then another process, sharing the instance's budget, reads: its waits. */
  const refusedThenAnother = async (fault: 'rate-limit' | 'rate-limit-quota') => {
    const time = fakeTime();
    const budget = localRequestBudget(time);
    sim.faults.failNext(fault);
    const one = source(time, { budget, retry: { maxAttempts: 1 } });
    const refused = await one.searchIssues(connectionTo(sim.url), FULL_SYNC, null)();
    const another = source(time, { budget });
    const page = await another.searchIssues(connectionTo(sim.url), FULL_SYNC, null)();
    [one, another].forEach((s) => s.close());
    expect(E.isRight(page) && page.right.issues).to.have.length(12);
    expect(tableReads(sim, 'incident').map((r) => r.status)).to.deep.equal([429, 200]);
    return { refused, waits: time.waits };
  };

  it("pauses every process working for the instance on a rate-limit rule's 429 (X-RateLimit-Rule): the hour's count is spent", async () => {
    const { refused, waits } = await refusedThenAnother('rate-limit-quota');
    expect(E.isLeft(refused) && refused.left.message).to.include('Rate limit of 100 requests per hour');
    expect(waits).to.deep.equal([7_000]);
  });

  it("waits a storm's 429 (the semaphores', no rule) out in the refused request alone: another process is not paused", async () => {
    const { refused, waits } = await refusedThenAnother('rate-limit');
    expect(E.isLeft(refused) && refused.left).to.deep.include({ _tag: 'SourceRateLimited', retryAfterMs: 7_000 });
    expect(E.isLeft(refused) && refused.left.message).to.include('Maximum number of concurrent requests');
    expect(waits).to.deep.equal([]);
  });

  it('reads X-RateLimit-Reset (UNIX seconds) when a 429 has no Retry-After, and pauses the instance for every process until then', async () => {
    const stub = await startStub();
    try {
      const time = fakeTime();
      const budget = localRequestBudget(time);
      const reset = String(Math.floor(time.now() / 1000) + 3_600);
      stub.answers.push({ status: 429, headers: { 'x-ratelimit-reset': reset, 'x-ratelimit-limit': '100' }, body: RATE_LIMITED });
      const one = source(time, { budget });
      const refused = await one.searchIssues(connectionTo(stub.url), FULL_SYNC, null)();
      expect(E.isLeft(refused) && refused.left).to.deep.include({ _tag: 'SourceRateLimited', retryAfterMs: 3_600_000 });
      // Another process (another adapter, the same shared budget) waits until the reset before it asks.
      time.waits.length = 0;
      const another = source(time, { budget });
      const later = await another.searchIssues(connectionTo(stub.url), FULL_SYNC, null)();
      expect(E.isRight(later)).to.equal(true);
      expect(time.waits.reduce((sum, ms) => sum + ms, 0)).to.equal(3_600_000);
      // Another instance is not paused.
      time.waits.length = 0;
      await another.searchIssues(connectionTo(sim.url), FULL_SYNC, null)();
      expect(time.waits).to.deep.equal([]);
      [one, another].forEach((s) => s.close());
    } finally {
      await stub.close();
    }
  });

  it('waits a near X-RateLimit-Reset out and retries', async () => {
    const stub = await startStub();
    try {
      const time = fakeTime();
      stub.answers.push({ status: 429, headers: { 'x-ratelimit-reset': String(Math.floor(time.now() / 1000) + 20) }, body: RATE_LIMITED });
      const s = source(time);
      const page = await s.searchIssues(connectionTo(stub.url), FULL_SYNC, null)();
      s.close();
      expect(E.isRight(page) && page.right).to.deep.equal({ issues: [], nextCursor: null });
      expect(time.waits.reduce((sum, ms) => sum + ms, 0)).to.equal(20_000);
    } finally {
      await stub.close();
    }
  });

  it('takes the unversioned API’s 404 "No Record found" for an empty list', async () => {
    const stub = await startStub();
    try {
      stub.answers.push({ status: 404, body: recordedFixture('servicenow', 'error-404-no-record.json') });
      const s = source();
      const page = await s.searchIssues(connectionTo(stub.url), FULL_SYNC, null)();
      s.close();
      expect(E.isRight(page) && page.right).to.deep.equal({ issues: [], nextCursor: null });
    } finally {
      await stub.close();
    }
  });
});
