import { manualClock } from '../../adapters/memory/index.js';
import { createPostgresAdapters } from '../../adapters/postgres/index.js';
import { emptyTestDatabase } from './test-database.js';

/** Every PostgreSQL port over an empty database, stamping times with a clock the test controls. */
export const postgresSubject = async () => {
  const { orm } = await emptyTestDatabase();
  const clock = manualClock();
  return { ...createPostgresAdapters(orm, { clock }), clock, orm };
};
