import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { isRunning, startProgram } from '../support/child-programs.js';
import { emptyTestDatabase, type TestDatabase } from '../support/test-database.js';
import { httpClient } from './support/http-client.js';
import { ORG_A, tokenFor } from './support/tokens.js';

const ISSUES = 5;

/** A receiver that holds every request open until `release()`, then answers each 200. */
const holdingReceiver = async () => {
  const held: ServerResponse[] = [];
  const answered: string[] = [];
  let holding = true;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (holding) return void held.push(response);
      answered.push(String(request.headers['taskport-event-id']));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`,
    heldCount: () => held.length,
    answered,
    release: () => {
      holding = false;
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
};

const waitFor = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('outbound webhooks across a crash', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let simulator: JiraSimulator;
  let receiver: Awaited<ReturnType<typeof holdingReceiver>>;
  const pids: number[] = [];
  const env = () => ({ DATABASE_URL: database.url, TASKPORT_ENCRYPTION_KEY: randomKey });
  const randomKey = randomBytes(32).toString('base64');
  const startApi = async () => {
    const started = await startProgram('test/support/programs/event-api.ts', [], env());
    pids.push(started.pid);
    return { ...started, http: httpClient(started.readyLine.split(' ')[1]!) };
  };

  before(async () => {
    database = await emptyTestDatabase();
    simulator = await startJiraSimulator({ issues: ISSUES });
    receiver = await holdingReceiver();
  });
  after(async () => {
    for (const pid of pids) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    await receiver.close();
    await simulator.close();
  });

  it('delivers every committed event after the process is killed (kill -9) between the commit and the delivery', async () => {
    const first = await startApi();
    const token = tokenFor(ORG_A);
    expect((await first.http.call('POST', '/api/event-endpoints', { token, body: { url: receiver.url } })).status).to.equal(201);
    const account = simulator.accounts[0]!;
    const connection = await first.http.call('POST', '/api/integrations', { token, body: { type: 'jira', baseUrl: simulator.url, email: account.email, apiToken: account.apiToken } });
    expect(connection.status, connection.text).to.equal(201);
    expect((await first.http.call('POST', `/api/integrations/${connection.json.data.id}/sync-now`, { token })).status).to.equal(200);
    // The sync is committed and its deliveries are on their way: none is answered before the kill.
    await waitFor(() => receiver.heldCount() > 0, 'the first delivery attempt');
    process.kill(first.pid, 'SIGKILL');
    await first.exited;
    // Every event is committed; none was delivered (some may not even be published yet).
    const [committed] = await database.orm.em.fork().execute<Array<{ n: string }>>('select count(*) as n from outbox_events');
    expect(Number(committed!.n)).to.equal(ISSUES + 1);
    const statuses = await database.orm.em.fork().execute<Array<{ status: string }>>('select distinct status from event_deliveries');
    expect(statuses.map((row) => row.status)).to.deep.equal(['pending']);

    receiver.release();
    await startApi();
    const delivered = async () => {
      const [row] = await database.orm.em.fork().execute<Array<{ n: string }>>("select count(*) as n from event_deliveries where status = 'delivered'");
      return Number(row!.n) === ISSUES + 1;
    };
    await waitFor(delivered, 'every delivery after the restart');
    const [events] = await database.orm.em.fork().execute<Array<{ ids: string[] }>>('select array_agg(id::text) as ids from outbox_events');
    expect([...new Set(receiver.answered)].sort()).to.deep.equal([...events!.ids].sort());
  });
});
