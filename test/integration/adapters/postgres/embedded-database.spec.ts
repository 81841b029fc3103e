import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, silentDatabaseLog } from '../../../../adapters/postgres/index.js';
import { migrationsList } from '../../../../adapters/postgres/migrations/index.js';
import { claimCluster, TEST_CLUSTER_PREFIX } from '../../../support/abandoned-clusters.js';
import { deadPid, isRunning, postmasterPid, runProgram, startProgram } from '../../../support/child-programs.js';
import { scratchDatabase } from '../../../support/test-database.js';

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

describe('openDatabase with the embedded PostgreSQL', function () {
  this.timeout(60_000);
  let root: string;
  let dataDir: string;
  const messages: string[] = [];
  const open = (dir = dataDir) => openDatabase({ dataDir: dir, log: { info: (m) => messages.push(m), warn: (m) => messages.push(m), error: (m) => messages.push(m) } });
  const clusterDir = () => path.join(dataDir, 'postgres');

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), TEST_CLUSTER_PREFIX));
    await Promise.all([claimCluster(root), chmod(root, 0o755)]);
    dataDir = path.join(root, 'data');
    await (await open()).stop();
  });
  after(() => rm(root, { recursive: true, force: true }));
  beforeEach(() => void messages.splice(0));

  it('starts nothing when given a URL', async () => {
    const database = await openDatabase({ databaseUrl: 'postgres://someone@127.0.0.1:5999/db', dataDir: path.join(root, 'unused'), log: silentDatabaseLog });
    expect([database.url, database.embedded, existsSync(path.join(root, 'unused'))]).to.deep.equal(['postgres://someone@127.0.0.1:5999/db', false, false]);
  });

  it('initialises an empty data directory once and keeps its data across restarts', async () => {
    const fresh = path.join(root, 'fresh');
    const first = await open(fresh);
    await query(first.url, 'create table kept (x int); insert into kept values (42)');
    await first.stop();
    expect(existsSync(path.join(fresh, 'postgres', 'postmaster.pid')), 'stopped cleanly').to.equal(false);
    const second = await open(fresh);
    expect(await query(second.url, 'select x from kept')).to.deep.equal([{ x: 42 }]);
    await second.stop();
    expect(messages.filter((m) => m.startsWith('Initialising'))).to.have.length(1);
    expect(await readdir(fresh)).to.have.members(['postgres', 'postgres.password']);
  });

  it('starts over a postmaster.pid left by a server that is gone', async () => {
    await writeFile(path.join(clusterDir(), 'postmaster.pid'), `${deadPid()}\n${clusterDir()}\n0\n5432\n`);
    const database = await open();
    expect(await query(database.url, 'select 1 as one')).to.deep.equal([{ one: 1 }]);
    await database.stop();
  });

  it('reuses a server already running on the same data rather than starting a second', async () => {
    const first = await open();
    const second = await open();
    expect([second.url, second.embedded]).to.deep.equal([first.url, false]);
    await second.stop();
    expect(await query(first.url, 'select 1 as one'), 'the first is still up').to.deep.equal([{ one: 1 }]);
    await first.stop();
  });

  it('stops the server when its process is terminated', async () => {
    const holder = await startProgram('test/support/programs/hold-database.ts', [dataDir]);
    const postmaster = await postmasterPid(clusterDir());
    expect(isRunning(postmaster)).to.equal(true);
    process.kill(holder.pid, 'SIGTERM');
    await holder.exited;
    expect([isRunning(postmaster), existsSync(path.join(clusterDir(), 'postmaster.pid'))]).to.deep.equal([false, false]);
  });

  it('migrates with npm run migrate, against the embedded server and against DATABASE_URL', async () => {
    const embedded = { TASKPORT_DATA_DIR: dataDir, DATABASE_URL: '' };
    expect(await runProgram('apps/cli/migrate.ts', embedded)).to.deep.include({ code: 0 }).and.property('output').that.contains(`Applied ${migrationsList.length} migration(s)`);
    const scratch = await scratchDatabase();
    try {
      const external = await runProgram('apps/cli/migrate.ts', { DATABASE_URL: scratch.url, TASKPORT_DATA_DIR: path.join(root, 'unused') });
      expect([external.code, external.output.includes(`Applied ${migrationsList.length} migration(s)`), existsSync(path.join(root, 'unused'))]).to.deep.equal([0, true, false]);
    } finally {
      await scratch.stop();
    }
  });
});
