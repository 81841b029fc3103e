import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createOrm, migrate, openDatabase, silentDatabaseLog, type MikroORM } from '../../adapters/postgres/index.js';
import { claimCluster, reapAbandonedClusters, TEST_CLUSTER_PREFIX } from './abandoned-clusters.js';

export interface TestDatabase {
  readonly url: string;
  readonly orm: MikroORM;
}

interface Running extends TestDatabase {
  readonly stop: () => Promise<void>;
}

const TABLES = ['integration_connections', 'external_tasks', 'external_user_mappings', 'external_task_events', 'sync_runs', 'oauth_states', 'oauth_site_selections', 'webhook_inbox', 'request_budgets', 'workspace_modules', 'outbox_events', 'event_endpoints', 'event_deliveries', 'event_subscriptions', 'audit_events', 'task_writes', 'quarantined_issues'];

const withClient = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** A new, empty database on the server of `url`, and how to drop it. */
const createDatabaseBeside = async (url: string, prefix: string) => {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(url, `create database ${name}`);
  const created = new URL(url);
  created.pathname = `/${name}`;
  return { url: created.toString(), stop: () => withClient(url, `drop database if exists ${name} with (force)`) };
};

/** Without it: a throwaway embedded cluster in a temporary directory, removed at the end. */
const throwawayCluster = async () => {
  await reapAbandonedClusters();
  const dataDir = await mkdtemp(path.join(tmpdir(), TEST_CLUSTER_PREFIX));
  await claimCluster(dataDir);
  // PostgreSQL runs as another user when we are root; it must be able to reach its data directory.
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ dataDir, log: silentDatabaseLog, ephemeral: true });
  return {
    url: database.url,
    stop: async () => {
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

const start = async (): Promise<Running> => {
  const startedAt = Date.now();
  const serverUrl = process.env.DATABASE_URL;
  // With DATABASE_URL: a database of its own on that server, dropped at the end.
  const database = serverUrl !== undefined && serverUrl !== '' ? await createDatabaseBeside(serverUrl, 'taskport_test') : await throwawayCluster();
  await migrate(database.url);
  const orm = await createOrm(database.url);
  console.log(`      (test database ready in ${Date.now() - startedAt} ms${serverUrl ? ' on DATABASE_URL' : ', embedded'})`);
  return { ...database, orm, stop: async () => (await orm.close(), await database.stop()) };
};

let running: Promise<Running> | undefined;

/** The one database of this test run, started on first use. */
export const testDatabase = (): Promise<TestDatabase> => (running ??= start());

const DEADLOCK = '40P01';
const TRUNCATE_TRIES = 5;

/**
 * Empties every table, so each test starts from nothing. A test's API may be running beside it (its
 * pollers read two tables in one statement), and the truncate, locking the tables one after the
 * other, can deadlock with such a read: PostgreSQL ends one of the two, and when it is the truncate,
 * it is simply run again.
 */
export const emptyTestDatabase = async (): Promise<TestDatabase> => {
  const database = await testDatabase();
  for (let tries = 1; ; tries += 1) {
    try {
      await database.orm.em.fork().execute(`truncate ${TABLES.join(', ')}`);
      return database;
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || tries === TRUNCATE_TRIES) throw error;
    }
  }
};

/** An empty database on the test server, for tests that migrate or reconfigure a database themselves. */
export const scratchDatabase = async () => createDatabaseBeside((await testDatabase()).url, 'taskport_scratch');

/** Stops the database if one started; a start that failed was already reported by every test that needed it. */
export const stopTestDatabase = async (): Promise<void> => {
  const started = running;
  running = undefined;
  const database = await started?.catch(() => undefined);
  await database?.stop();
};

/**
 * With DATABASE_URL, the run creates (and drops) a database of its own: without the CREATEDB
 * privilege every database test would fail alike, so say it once, before any test runs.
 */
export const checkTestServer = async (): Promise<string | undefined> => {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl === undefined || serverUrl === '') return undefined;
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const found = await client.query<{ name: string; allowed: boolean }>('select rolname as name, rolcreatedb or rolsuper as allowed from pg_roles where rolname = current_user');
    const role = found.rows[0];
    if (role === undefined || role.allowed) return undefined;
    return `DATABASE_URL's user "${role.name}" may not create databases, and the tests make one of their own: ALTER ROLE "${role.name}" CREATEDB, or unset DATABASE_URL to use the embedded PostgreSQL`;
  } catch (error) {
    return `The tests cannot use DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
};
