import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate, openDatabase } from '../../adapters/postgres/index.js';
import { claimCluster, reapAbandonedClusters } from '../../test/support/abandoned-clusters.js';

const CLUSTER_PREFIX = 'taskport-bench-';

export interface BenchServer {
  /** Where the server runs, for the report. */
  readonly description: string;
  readonly version: string;
  /** A new database with the migrated schema and no rows; dropped by `drop`. */
  readonly freshDatabase: (label: string) => Promise<BenchDatabase>;
  readonly stop: () => Promise<void>;
}

export interface BenchDatabase {
  readonly url: string;
  readonly drop: () => Promise<void>;
}

const sql = async (url: string, statement: string): Promise<pg.QueryResult> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
};

const withDatabase = (url: string, name: string) => {
  const changed = new URL(url);
  changed.pathname = `/${name}`;
  return changed.toString();
};

let counter = 0;

/**
 * The PostgreSQL of one bench run: DATABASE_URL's server when set, otherwise an embedded one in a
 * temporary directory with PostgreSQL's default durability (fsync and synchronous commit on), since
 * a commit that is not durable would flatter every number. The schema is migrated once into a
 * template; each scenario gets a copy of it, so none sees another's rows or bloat.
 */
export const openBenchServer = async (log: (message: string) => void): Promise<BenchServer> => {
  const given = process.env.DATABASE_URL;
  // An interrupted run cannot remove its cluster (it dies of the signal once the server is stopped).
  if (!given) await reapAbandonedClusters(CLUSTER_PREFIX);
  const dataDir = given ? undefined : await mkdtemp(path.join(tmpdir(), CLUSTER_PREFIX));
  if (dataDir !== undefined) await Promise.all([chmod(dataDir, 0o755), claimCluster(dataDir)]);
  const database = await openDatabase({ ...(given ? { databaseUrl: given } : {}), dataDir: dataDir ?? '.data', log: { info: log, warn: log, error: log } });
  const suffix = `${process.pid}`;
  const template = `bench_template_${suffix}`;
  await sql(database.url, `create database ${template}`);
  await migrate(withDatabase(database.url, template));
  const version = (await sql(database.url, 'show server_version')).rows[0].server_version as string;
  const created = new Set<string>();
  const dropDatabase = async (name: string) => {
    await sql(database.url, `drop database if exists ${name} with (force)`);
    created.delete(name);
  };
  return {
    description: given ? 'DATABASE_URL' : 'embedded, in a temporary directory, default durability',
    version,
    freshDatabase: async (label) => {
      const name = `bench_${label.replace(/\W/g, '_').toLowerCase()}_${suffix}_${(counter += 1)}`;
      await sql(database.url, `create database ${name} template ${template}`);
      created.add(name);
      return { url: withDatabase(database.url, name), drop: () => dropDatabase(name) };
    },
    stop: async () => {
      try {
        for (const name of [...created, template]) await dropDatabase(name).catch(() => undefined);
        await database.stop();
      } finally {
        if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
};
