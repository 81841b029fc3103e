import type { MikroORM } from '@mikro-orm/postgresql';
import { takeAdvisoryLock } from './advisory-lock.js';
import { createOrm } from './orm.js';

/**
 * Applies the pending migrations and answers their names. Processes starting together wait for
 * each other instead of racing on the migrations table.
 */
export const migrateOrm = async (orm: MikroORM): Promise<ReadonlyArray<string>> => {
  const lock = await takeAdvisoryLock(orm.config.getClientUrl(), 'taskport:migrate', true);
  try {
    const applied = await orm.migrator.up();
    return applied.map((m) => m.name);
  } finally {
    await lock?.release();
  }
};

/** `npm run migrate` and start-up: migrate the database at `databaseUrl`, then let go of it. */
export const migrate = async (databaseUrl: string): Promise<ReadonlyArray<string>> => {
  const orm = await createOrm(databaseUrl, { poolSize: 2 });
  try {
    return await migrateOrm(orm);
  } finally {
    await orm.close();
  }
};
