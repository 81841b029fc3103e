import { expect } from 'chai';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { ADMIN, basicAuth, call, NO_ACCESS, search } from './simulator-http.js';

describe('Jira simulator authentication', () => {
  let sim: JiraSimulator;
  before(async () => {
    sim = await startJiraSimulator({ issues: 20 });
  });
  after(() => sim.close());

  it('answers the account in its own time zone', async () => {
    const me = await call(sim, 'GET', '/rest/api/3/myself');
    expect(me.body).to.include({ displayName: ADMIN.displayName, emailAddress: ADMIN.email, timeZone: 'America/Los_Angeles' });
  });

  it('refuses a missing or wrong API token with 401 and a Basic challenge', async () => {
    for (const authorization of [null, basicAuth(ADMIN.email, 'wrong'), 'Bearer abc']) {
      const answer = await call(sim, 'GET', '/rest/api/3/myself', { authorization });
      expect(answer.status).to.equal(401);
      expect(answer.header('www-authenticate')).to.match(/^Basic/);
      expect(answer.body.errorMessages).to.have.length(1);
    }
  });

  it('answers 403 to valid credentials without access to the site', async () => {
    const answer = await call(sim, 'GET', '/rest/api/3/myself', { authorization: basicAuth(NO_ACCESS.email, NO_ACCESS.apiToken) });
    expect(answer.status).to.equal(403);
  });
});

describe('Jira simulator fault injection', () => {
  let sim: JiraSimulator;
  beforeEach(async () => {
    sim = await startJiraSimulator({ issues: 20 });
  });
  afterEach(() => sim.close());

  const statuses = async (n: number) => {
    const seen: number[] = [];
    for (let i = 0; i < n; i += 1) seen.push((await call(sim, 'GET', '/rest/api/3/myself')).status);
    return seen;
  };

  it('answers every Nth request 429 with Retry-After and Jira’s rate-limit headers', async () => {
    sim.faults.set({ rateLimitEvery: 3, retryAfterSeconds: 9 });
    expect(await statuses(6)).to.deep.equal([200, 200, 429, 200, 200, 429]);
    sim.faults.failNext('rate-limit');
    const answer = await call(sim, 'GET', '/rest/api/3/myself');
    expect(answer.status).to.equal(429);
    expect(answer.header('retry-after')).to.equal('9');
    expect(answer.header('x-ratelimit-remaining')).to.equal('0');
    expect(answer.header('x-ratelimit-reset')).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    expect(answer.header('ratelimit-reason')).to.equal('jira-burst-based');
  });

  it('answers 500s every Nth request and 503 with Retry-After on demand', async () => {
    sim.faults.set({ serverErrorEvery: 2 });
    expect(await statuses(4)).to.deep.equal([200, 500, 200, 500]);
    sim.faults.reset();
    sim.faults.failNext('unavailable', 2);
    const [first] = [await call(sim, 'GET', '/rest/api/3/myself')];
    expect([first?.status, first?.header('retry-after')]).to.deep.equal([503, '1']);
    expect(await statuses(2)).to.deep.equal([503, 200]);
  });

  it('hangs a request until the client gives up, and close() ends hung requests', async () => {
    sim.faults.failNext('hang');
    const gaveUp = await fetch(`${sim.url}/rest/api/3/myself`, { signal: AbortSignal.timeout(50) }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(gaveUp).to.equal('TimeoutError');
    expect(await statuses(1)).to.deep.equal([200]);
    sim.faults.failNext('hang');
    const hung = fetch(`${sim.url}/rest/api/3/myself`).then(
      () => 'answered',
      () => 'connection closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sim.close();
    expect(await hung).to.equal('connection closed');
  });

  it('changes faults at run time through /__admin, and validates what it is given', async () => {
    const put = await call(sim, 'PUT', '/__admin/faults', { body: { latencyMs: 5, rateLimitEvery: 2 }, authorization: null });
    expect(put.body).to.include({ latencyMs: 5, rateLimitEvery: 2 });
    expect((await call(sim, 'GET', '/__admin/faults', { authorization: null })).body).to.include({ latencyMs: 5 });
    expect(await statuses(2)).to.deep.equal([200, 429]);
    expect((await call(sim, 'PUT', '/__admin/faults', { body: { latencyMs: -1 } })).status).to.equal(400);
    expect((await call(sim, 'PUT', '/__admin/faults', { body: { explode: 1 } })).status).to.equal(400);
    expect((await call(sim, 'POST', '/__admin/faults/next', { body: { kind: 'server-error', count: 2 } })).status).to.equal(204);
    expect((await call(sim, 'POST', '/__admin/faults/next', { body: { kind: 'meteor' } })).status).to.equal(400);
    expect((await call(sim, 'DELETE', '/__admin/faults')).status).to.equal(204);
    expect(await statuses(3)).to.deep.equal([200, 200, 200]);
  });

  it('logs each API request with its JQL, status and fault', async () => {
    sim.faults.failNext('server-error');
    await search(sim, { jql: 'project = OPS' });
    await call(sim, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = WEB')}`);
    const log = (await call(sim, 'GET', '/__admin/requests')).body as Array<Record<string, unknown>>;
    expect(log.map((e) => [e.method, e.path, e.jql, e.status, e.fault])).to.deep.equal([
      ['POST', '/rest/api/3/search/jql', null, 500, 'server-error'],
      ['GET', '/rest/api/3/search/jql', 'project = WEB', 200, null],
    ]);
  });
});
