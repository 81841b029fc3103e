import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { ORG_A, TEST_JWT_SECRET, tokenFor } from '../http/support/tokens.js';
import { startProgramUntil } from '../support/child-programs.js';
import { scratchDatabase } from '../support/test-database.js';

/**
 * A proxy in front of the simulator that can hold requests: `held()` resolves when one arrives,
 * and it goes on to the simulator only once `release()` is called.
 */
const holdingProxy = async (target: string) => {
  let arrived: () => void = () => undefined;
  let arrival = new Promise<void>((resolve) => (arrived = resolve));
  let release: () => void = () => undefined;
  let gate: Promise<void> | undefined;
  const server: Server = createServer((incoming, outgoing) => {
    const forward = () => {
      const upstream = request(`${target}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer: IncomingMessage) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      upstream.on('error', () => outgoing.destroy());
      incoming.pipe(upstream);
    };
    if (gate === undefined) return forward();
    arrived();
    void gate.then(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: () => {
      gate = new Promise<void>((resolve) => (release = resolve));
      arrival = new Promise<void>((resolve) => (arrived = resolve));
    },
    held: () => arrival,
    release: () => release(),
    // A request still held is dropped, never forwarded.
    close: () => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))),
  };
};

describe('API shutdown', function () {
  this.timeout(60_000);
  let simulator: JiraSimulator;
  let dataDir: string;
  const token = tokenFor(ORG_A);

  before(async () => {
    simulator = await startJiraSimulator({ issues: 2 });
    dataDir = await mkdtemp(path.join(tmpdir(), 'taskport-shutdown-'));
  });
  after(async () => {
    await simulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const startApi = async (proxyUrl: string, timeoutSeconds: number) => {
    const scratch = await scratchDatabase();
    const env = {
      TASKPORT_DATA_DIR: dataDir,
      DATABASE_URL: scratch.url,
      JWT_SECRET: TEST_JWT_SECRET,
      TASKPORT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      TASKPORT_ALLOW_PRIVATE_NETWORK: 'true',
      TASKPORT_SHUTDOWN_TIMEOUT_SECONDS: String(timeoutSeconds),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
    };
    const api = await startProgramUntil('apps/api/main.ts', env, /API listening/);
    const url = /"url":"(http:[^"]+)"/.exec(api.output())?.[1] ?? '';
    const account = simulator.accounts[0]!;
    const created = await fetch(`${url}/api/integrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'jira', baseUrl: proxyUrl, email: account.email, apiToken: account.apiToken }),
    });
    expect(created.status, await created.clone().text()).to.equal(201);
    const { data } = (await created.json()) as { data: { id: string } };
    const testConnection = () => fetch(`${url}/api/integrations/${data.id}/test`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    return { ...api, url, testConnection, dropDatabase: scratch.stop };
  };

  const untilOutput = async (api: { output: () => string }, pattern: RegExp) => {
    while (!pattern.test(api.output())) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  it('finishes the requests in flight, refusing new ones, then exits', async () => {
    const proxy = await holdingProxy(simulator.url);
    const api = await startApi(proxy.url, 20);
    try {
      proxy.hold();
      const inFlight = api.testConnection();
      await proxy.held();
      process.kill(api.pid, 'SIGTERM');
      await untilOutput(api, /shutting down: finishing in-flight requests/);
      const refused = await fetch(`${api.url}/healthz`).then(() => 'answered', () => 'refused');
      proxy.release();
      const answer = await inFlight;
      expect([answer.status, refused, await api.exited]).to.deep.equal([200, 'refused', 0]);
    } finally {
      await proxy.close();
      await api.dropDatabase();
    }
  });
});
