import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from './migrations/index.js';
import { entitySchemas } from './schema/index.js';

export const MIGRATIONS_TABLE = 'taskport_migrations';

export interface OrmOptions {
  /** Largest number of pooled connections; the sync lock uses its own connections besides. */
  readonly poolSize?: number;
}

/**
 * The ORM of one process, with the mapping and the migrations. Every session is pinned to UTC and
 * ISO dates so timestamps and `date` columns read back the same whatever the server's defaults.
 * There is no global context: each unit of work forks its own entity manager.
 */
export const createOrm = (databaseUrl: string, options: OrmOptions = {}): Promise<MikroORM> =>
  MikroORM.init({
    clientUrl: databaseUrl,
    entities: entitySchemas,
    extensions: [Migrator],
    migrations: { migrationsList, tableName: MIGRATIONS_TABLE, transactional: true, allOrNothing: true, silent: true, snapshot: false },
    allowGlobalContext: false,
    // Never create a missing database behind the operator's back: checkDatabase decides (development only).
    ensureDatabase: false,
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: options.poolSize ?? 10 },
    driverOptions: { connection: { options: '-c TimeZone=UTC -c DateStyle=ISO,YMD' } },
    debug: false,
  });

export type { MikroORM } from '@mikro-orm/postgresql';
