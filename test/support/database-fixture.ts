import { stopTestDatabase } from './test-database.js';

/** Mocha global fixture: the shared test database, if any test started it, is stopped once at the end. */
export const mochaGlobalTeardown = async (): Promise<void> => {
  await stopTestDatabase();
};
