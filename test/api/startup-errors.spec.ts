import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runProgram, startProgramUntil } from '../support/child-programs.js';
import { scratchDatabase } from '../support/test-database.js';

const KEY = randomBytes(32).toString('base64');
const SECRET = 'x'.repeat(40);

const listening = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
const portOf = (server: Server) => (server.address() as { port: number }).port;

/** The program's output is exactly one line, with no stack frame. */
const oneLine = (output: string) => {
  const lines = output.trim().split('\n');
  expect(lines, output).to.have.length(1);
  expect(output).not.to.match(/^\s+at /m);
  return lines[0];
};

describe('API start-up failures: one plain line, no stack (the program itself)', function () {
  this.timeout(60_000);
  let dataDir: string;
  const start = (env: Record<string, string>) =>
    runProgram('apps/api/main.ts', { TASKPORT_DATA_DIR: dataDir, JWT_SECRET: SECRET, TASKPORT_ENCRYPTION_KEY: KEY, LOG_LEVEL: 'silent', NODE_ENV: '', ...env });

  before(async () => (dataDir = await mkdtemp(path.join(tmpdir(), 'taskport-startup-'))));
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('names the port in use, before starting anything', async () => {
    const taken = await listening();
    try {
      const run = await start({ HOST: '127.0.0.1', PORT: String(portOf(taken)), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      expect([run.code, oneLine(run.output)]).to.deep.equal([1, `Port ${portOf(taken)} on 127.0.0.1 is already in use: stop what listens there or set PORT to another port`]);
    } finally {
      taken.close();
    }
  });

  it('listens on HOST and prints the URL of the address it bound', async () => {
    const scratch = await scratchDatabase();
    const api = await startProgramUntil('apps/api/main.ts', { TASKPORT_DATA_DIR: dataDir, JWT_SECRET: SECRET, TASKPORT_ENCRYPTION_KEY: KEY, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: scratch.url, LOG_LEVEL: 'info' }, /API listening/);
    try {
      const url = /"url":"(http:[^"]+)"/.exec(api.output())?.[1] ?? '';
      expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    } finally {
      process.kill(api.pid, 'SIGTERM');
      await api.exited;
      await scratch.stop();
    }
  });
});
