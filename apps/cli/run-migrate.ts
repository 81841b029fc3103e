/**
 * Applies the pending database migrations (taskport's, then the job queue's): `npm run migrate` and
 * `taskport migrate`. Answers the exit code.
 *
 * Uses DATABASE_URL when set; otherwise the embedded PostgreSQL under TASKPORT_DATA_DIR (default
 * `.data`), started for the occasion and stopped afterwards, or reused if the API is running it.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { checkDatabase, migrate, openDatabase } from '../../adapters/postgres/index.js';
import { JOB_SCHEMA, migrateJobQueue } from '../../adapters/queue/pg-boss.js';
import { toFieldIssues } from '../../core/index.js';
import { optional, PostgresUrlFromEnv } from '../api/env-codecs.js';

const MigrateEnv = t.type({
  DATABASE_URL: optional(PostgresUrlFromEnv),
  NODE_ENV: t.union([t.string, t.undefined]),
  TASKPORT_DATA_DIR: t.union([t.string, t.undefined]),
});

export const runMigrate = async (): Promise<number> => {
  const env = MigrateEnv.decode(process.env);
  if (E.isLeft(env)) {
    console.error(`Invalid configuration: ${toFieldIssues(env.left).map((i) => `${i.path} ${i.message}`).join('; ')}`);
    return 2;
  }
  const dataDir = env.right.TASKPORT_DATA_DIR === undefined || env.right.TASKPORT_DATA_DIR === '' ? '.data' : env.right.TASKPORT_DATA_DIR;
  const database = await openDatabase({ databaseUrl: env.right.DATABASE_URL, dataDir, log: console });
  try {
    await checkDatabase(database.url, { createIfMissing: env.right.NODE_ENV !== 'production', log: console });
    const applied = await migrate(database.url);
    console.log(applied.length === 0 ? 'The database schema is up to date' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    await migrateJobQueue(database.url);
    console.log(`The job queue's schema (${JOB_SCHEMA}) is up to date`);
    return 0;
  } finally {
    await database.stop();
  }
};
