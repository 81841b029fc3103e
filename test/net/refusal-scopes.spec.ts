import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import sinon from 'sinon';
import { createHttpClient, localRequestBudget, type HttpClient, type HttpClientOptions, type HttpOutcome } from '../../adapters/net/index.js';
import { JIRA_REFUSAL_SCOPES } from '../../adapters/providers/jira/facts.js';
import { adaptiveConcurrency, DEFAULT_ADAPTIVE_CONCURRENCY } from '../../adapters/providers/shared/adaptive-concurrency.js';

type Answer = { readonly status: number; readonly headers?: Record<string, string> };

const BURST = { 'retry-after': '1', 'x-ratelimit-remaining': '0', 'ratelimit-reason': 'jira-burst-based' };
const QUOTA = { 'retry-after': '1', 'ratelimit-reason': 'jira-quota-based' };
const BUDGET = { key: 'jira:site', policy: { capacity: 100, refillPerSecond: 100 } };

/** Lets the sockets and the server move on without the fake clock moving. */
const settle = async (rounds = 20) => {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

// Time is sinon's: a wait is seen to last exactly as long as the clock is moved, and no longer.
describe('HTTP client: who waits after a 429', () => {
  let server: http.Server;
  let base: string;
  let queued: Map<string, Answer[]>;
  let hits: Map<string, number>;
  let clock: sinon.SinonFakeTimers;
  let clients: HttpClient[];
  before(async () => {
    server = http.createServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const answer = queued.get(path)?.shift() ?? { status: 200 };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    queued = new Map();
    hits = new Map();
    clients = [];
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.parse('2026-03-02T10:00:00Z') });
  });
  afterEach(() => {
    clock.restore();
    clients.forEach((client) => client.close());
  });

  const client = (extra: Partial<HttpClientOptions> = {}) => {
    const created = createHttpClient({ allowPrivateNetwork: true, refusalScopes: JIRA_REFUSAL_SCOPES, maxConcurrentPerConnection: 1, ...extra });
    clients.push(created);
    return created;
  };
  const send = (on: HttpClient, path: string, connectionKey = 'tenant/connection') =>
    on.send({ method: 'POST', url: new URL(`${base}${path}`), headers: {} }, { connectionKey, idempotent: true, site: 'jira:site', budget: BUDGET });
  const statusOf = (outcome: HttpOutcome) => (E.isRight(outcome) ? outcome.right.status : null);
  /** Moves on (fake time standing still) until `path` was asked `times` times. */
  const untilHit = async (path: string, times: number) => {
    for (let i = 0; i < 200 && (hits.get(path) ?? 0) < times; i += 1) await settle(1);
    expect(hits.get(path) ?? 0, `requests to ${path}`).to.equal(times);
  };

  it('makes the request refused for a burst wait its Retry-After alone, holding no slot, while the others go on', async () => {
    const gate = adaptiveConcurrency({ ...DEFAULT_ADAPTIVE_CONCURRENCY, initial: 1, max: 1 });
    const jira = client({ siteConcurrency: gate, budget: localRequestBudget() });
    queued.set('/refused', [{ status: 429, headers: BURST }]);
    const refused = send(jira, '/refused');
    await untilHit('/refused', 1);
    await settle();
    // The site's one slot and the connection's one lane are free: another request goes and is answered.
    expect(gate.site('jira:site').inFlight).to.equal(0);
    expect(statusOf(await send(jira, '/other'))).to.equal(200);
    // The refused request is not asked again a moment before its second is over...
    await clock.tickAsync(999);
    await settle();
    expect(hits.get('/refused')).to.equal(1);
    // ...and is once it is.
    await clock.tickAsync(1);
    expect(statusOf(await refused)).to.equal(200);
    expect(hits.get('/refused')).to.equal(2);
  });

  it('pauses every request of the site, in every process sharing the budget, on a quota refusal', async () => {
    const budget = localRequestBudget();
    const [one, another] = [client({ budget }), client({ budget })];
    queued.set('/refused', [{ status: 429, headers: QUOTA }]);
    const refused = send(one, '/refused');
    await untilHit('/refused', 1);
    await settle();
    const sameConnection = send(one, '/same');
    const otherProcess = send(another, '/other', 'tenant/another-connection');
    await clock.tickAsync(999);
    await settle();
    expect([hits.get('/refused'), hits.get('/same') ?? 0, hits.get('/other') ?? 0]).to.deep.equal([1, 0, 0]);
    await clock.tickAsync(1);
    expect((await Promise.all([refused, sameConnection, otherProcess])).map(statusOf)).to.deep.equal([200, 200, 200]);
  });

  it('halves the site limit once for the burst refusals of one Retry-After window', async () => {
    const gate = adaptiveConcurrency({ ...DEFAULT_ADAPTIVE_CONCURRENCY, initial: 8, max: 8 });
    const jira = client({ siteConcurrency: gate, maxConcurrentPerConnection: 8 });
    queued.set('/a', [{ status: 429, headers: BURST }]);
    const first = send(jira, '/a');
    await untilHit('/a', 1);
    await settle();
    expect(gate.site('jira:site').limit).to.equal(4);
    // Sent after the decrease, refused within its second: the same congestion, not a new one.
    queued.set('/b', [{ status: 429, headers: BURST }]);
    queued.set('/c', [{ status: 429, headers: BURST }]);
    const later = [send(jira, '/b'), send(jira, '/c')];
    await untilHit('/b', 1);
    await untilHit('/c', 1);
    await settle();
    expect(gate.site('jira:site').limit).to.equal(4);
    await clock.tickAsync(1_000);
    expect((await Promise.all([first, ...later])).map(statusOf)).to.deep.equal([200, 200, 200]);
  });
});
