import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { checkDatabase, DatabaseUnavailable } from '../../adapters/postgres/index.js';
import { describeStartupFailure } from '../../apps/api/startup-failure.js';
import { testDatabase } from '../support/test-database.js';

const withDatabase = (url: string, name: string, credentials?: { user: string; password: string }) => {
  const changed = new URL(url);
  changed.pathname = `/${name}`;
  if (credentials !== undefined) [changed.username, changed.password] = [credentials.user, credentials.password];
  return changed.toString();
};

const sql = async (url: string, statement: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
};

/** What `npm start` would print: the one line of the failure. */
const failureOf = (url: string, createIfMissing = false) => {
  const logged: string[] = [];
  const log = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
  return checkDatabase(url, { createIfMissing, log }).then(
    () => ({ failure: undefined, logged }),
    (error: unknown) => ({ failure: error instanceof DatabaseUnavailable ? describeStartupFailure(error) : error, logged }),
  );
};

describe('checkDatabase: the database, checked before anything uses it', function () {
  this.timeout(30_000);

  it('says the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { failure } = await failureOf(`postgres://taskport:secret@127.0.0.1:${port}/taskport`);
    expect(failure).to.equal(`PostgreSQL at 127.0.0.1:${port} refused the connection: is it running? Check DATABASE_URL`);
  });

  it('says the host name cannot be resolved', async () => {
    const { failure } = await failureOf('postgres://taskport:secret@no-such-host.invalid:5432/taskport');
    expect(failure).to.equal('The database host "no-such-host.invalid" cannot be resolved: check DATABASE_URL');
  });

  it('says the password was refused, naming the user and not the password', async function () {
    const { url } = await testDatabase();
    await sql(url, `drop role if exists startup_probe; create role startup_probe login password 'right-password'`);
    const wrong = withDatabase(url, 'postgres', { user: 'startup_probe', password: 'wrong-password' });
    const accepted = await new pg.Client({ connectionString: wrong }).connect().then(() => true, () => false);
    if (accepted) this.skip(); // a DATABASE_URL server that trusts local connections checks no password
    const { failure } = await failureOf(wrong);
    expect(failure).to.equal(`PostgreSQL at ${new URL(url).host} refused the password of user "startup_probe": check DATABASE_URL`);
  });

  it('outside development, refuses a database that does not exist instead of creating it', async () => {
    const { url } = await testDatabase();
    const missing = `taskport_missing_${randomBytes(4).toString('hex')}`;
    const { failure } = await failureOf(withDatabase(url, missing));
    expect(failure).to.equal(`The database "${missing}" does not exist on PostgreSQL at ${new URL(url).host}: create it (createdb "${missing}") or fix DATABASE_URL`);
    expect(await sql(url, `select 1 from pg_database where datname = '${missing}'`)).to.deep.equal([]);
  });

  it('in development, creates a database that does not exist and says so', async () => {
    const { url } = await testDatabase();
    const missing = `taskport_created_${randomBytes(4).toString('hex')}`;
    try {
      const { failure, logged } = await failureOf(withDatabase(url, missing), true);
      expect([failure, logged]).to.deep.equal([undefined, [`Created the database "${missing}" (development only: in production it must exist before taskport starts)`]]);
      expect(await sql(withDatabase(url, missing), 'select 1 as one')).to.deep.equal([{ one: 1 }]);
    } finally {
      await sql(url, `drop database if exists ${missing} with (force)`);
    }
  });
});
