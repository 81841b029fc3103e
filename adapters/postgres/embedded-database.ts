import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { clusterPassword, inspectCluster } from './embedded/cluster-files.js';
import { startCluster } from './embedded/embedded-cluster.js';
import { clusterHome, DEFAULT_SHARED_DIR, prepareClusterDir } from './embedded/cluster-home.js';
import type { DatabaseLog } from './embedded/database-log.js';
import { locateBinaries } from './embedded/postgres-binaries.js';
import { serverAccount } from './embedded/server-account.js';

export { silentDatabaseLog, type DatabaseLog } from './embedded/database-log.js';

export interface DatabaseOptions {
  /** A server to use as is; when absent or empty, an embedded PostgreSQL is started. */
  readonly databaseUrl?: string;
  /** The embedded cluster lives in `<dataDir>/postgres`. */
  readonly dataDir: string;
  readonly log: DatabaseLog;
  /**
   * Run as root, where the `postgres` user gets what it cannot reach in the project's folders: a
   * copy of the binaries and the cluster itself (`/var/lib/taskport` unless given).
   */
  readonly sharedDir?: string;
  /** Trades durability for speed (no fsync): for throwaway test clusters only. */
  readonly ephemeral?: boolean;
}

export interface Database {
  readonly url: string;
  /** True when this process started the server (and so stops it). */
  readonly embedded: boolean;
  readonly stop: () => Promise<void>;
}

const USER = 'taskport';
const DATABASE = 'taskport';
const READY_TIMEOUT_MS = 30_000;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const urlOf = (password: string, port: number, database: string) => `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;

const withClient = async <A>(url: string, run: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

const waitUntilAccepting = async (url: string): Promise<void> => {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      return await withClient(url, async (client) => void (await client.query('select 1')));
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
};

const ensureDatabase = (password: string, port: number) =>
  withClient(urlOf(password, port, 'postgres'), async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  });

/**
 * Opens the database taskport should use: `databaseUrl` when given (nothing is started), otherwise a
 * real PostgreSQL run from `<dataDir>/postgres` on a free loopback port, initialised on first use
 * and reused afterwards. As root, PostgreSQL runs as the `postgres` user (see `clusterHome` for where
 * its data goes when it cannot enter `dataDir`). The server is stopped when the process exits or
 * dies of a signal it does not otherwise handle; `stop` does it earlier and may be called more than once.
 */
export const openDatabase = async (options: DatabaseOptions): Promise<Database> => {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    return { url: options.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  }
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const account = await serverAccount(options.log);
  const sharedDir = options.sharedDir ?? DEFAULT_SHARED_DIR;
  const clusterDir = await clusterHome(dataDir, account, sharedDir, options.log);
  const state = await inspectCluster(clusterDir);
  const password = await clusterPassword(path.join(dataDir, 'postgres.password'), state, clusterDir);
  if (state.kind === 'running') {
    options.log.info(`Using the PostgreSQL already running from ${clusterDir} (pid ${state.pid}, port ${state.port})`);
    await waitUntilAccepting(urlOf(password, state.port, 'postgres'));
    await ensureDatabase(password, state.port);
    return { url: urlOf(password, state.port, DATABASE), embedded: false, stop: () => Promise.resolve() };
  }
  const binaries = await locateBinaries(account, sharedDir, options.log);
  if (state.kind === 'empty') await prepareClusterDir(clusterDir, account);
  const port = await freePort();
  const stop = await startCluster({ clusterDir, port, user: USER, password, fresh: state.kind === 'empty', binaries, account, ephemeral: options.ephemeral === true, log: options.log });
  await ensureDatabase(password, port);
  options.log.info(`Embedded PostgreSQL ready on 127.0.0.1:${port}, data in ${clusterDir}`);
  return { url: urlOf(password, port, DATABASE), embedded: true, stop };
};
