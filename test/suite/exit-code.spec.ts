import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { testDatabase } from '../support/test-database.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MOCHA = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** Runs mocha the way `npm test` does (the repository's .mocharc.json) on the outcome fixture alone. */
const runMocha = (env: Record<string, string>) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    const args = [MOCHA, '--reporter', 'dot', 'test/support/programs/outcome.fixture.ts'];
    execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), output: `${stdout}${stderr}` }),
    );
  });

const sql = async (url: string, statement: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};

const asRole = (url: string, user: string, password: string) => {
  const changed = new URL(url);
  [changed.username, changed.password] = [user, password];
  return changed.toString();
};

describe('the test run exits non-zero whenever a test fails', function () {
  this.timeout(120_000);
  // The server of this run: the child makes a database of its own beside ours on it.
  const serverUrl = async () => (await testDatabase()).url;

  it('with the embedded PostgreSQL', async () => {
    const run = await runMocha({ DATABASE_URL: '', FIXTURE_OUTCOME: 'fail' });
    expect([run.code, /1 failing/.test(run.output)], run.output).to.deep.equal([1, true]);
  });

  it('with DATABASE_URL, failing and passing', async () => {
    const failing = await runMocha({ DATABASE_URL: await serverUrl(), FIXTURE_OUTCOME: 'fail' });
    expect([failing.code, /1 failing/.test(failing.output)], failing.output).to.deep.equal([1, true]);
    const passing = await runMocha({ DATABASE_URL: await serverUrl(), FIXTURE_OUTCOME: 'pass' });
    expect([passing.code, /1 passing/.test(passing.output)], passing.output).to.deep.equal([0, true]);
  });

  it('when the test database cannot be prepared: every database test fails, and so does the run', async () => {
    // Allowed to create its database, but not to open the connections that migrating it takes.
    await sql(await serverUrl(), `drop role if exists taskport_one_connection; create role taskport_one_connection login password 'probe-password' createdb connection limit 1`);
    const run = await runMocha({ DATABASE_URL: asRole(await serverUrl(), 'taskport_one_connection', 'probe-password'), FIXTURE_OUTCOME: 'pass' });
    expect([run.code, /1 failing/.test(run.output), /too many connections/.test(run.output)], run.output).to.deep.equal([1, true, true]);
  });

  it('with DATABASE_URL whose user may not create databases: one clear message before any test runs', async () => {
    await sql(await serverUrl(), `drop role if exists taskport_no_createdb; create role taskport_no_createdb login password 'probe-password' nocreatedb`);
    const run = await runMocha({ DATABASE_URL: asRole(await serverUrl(), 'taskport_no_createdb', 'probe-password'), FIXTURE_OUTCOME: 'pass' });
    expect(run.code).to.equal(1);
    expect(run.output).to.contain(`DATABASE_URL's user "taskport_no_createdb" may not create databases, and the tests make one of their own: ALTER ROLE "taskport_no_createdb" CREATEDB`);
    expect(run.output).not.to.match(/passing|failing/);
  });
});
