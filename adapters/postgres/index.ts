export { openDatabase, silentDatabaseLog, type Database, type DatabaseLog, type DatabaseOptions } from './embedded-database.js';
export { createOrm, type MikroORM, type OrmOptions } from './orm.js';
export { migrate, migrateOrm } from './migrate.js';
export { createPostgresAdapters, type PostgresAdapterOptions, type PostgresAdapters } from './postgres-adapters.js';
export { checkDatabase, DatabaseUnavailable, describeDatabaseFailure } from './database-preflight.js';
