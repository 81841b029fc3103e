import { checkTestServer, stopTestDatabase } from './test-database.js';

/**
 * Mocha global fixtures. A fixture that throws makes mocha lose its failure count and exit 0, so
 * neither throws: a server the run cannot use stops it at once with exit code 1, and a database
 * that fails to stop turns the exit code to 1 whatever the tests did.
 */
export const mochaGlobalSetup = async (): Promise<void> => {
  const problem = await checkTestServer();
  if (problem === undefined) return;
  console.error(`\n${problem}\n`);
  process.exit(1);
};

export const mochaGlobalTeardown = async (): Promise<void> => {
  try {
    await stopTestDatabase();
  } catch (error) {
    console.error('The test database did not stop cleanly:', error);
    process.once('exit', () => (process.exitCode = 1));
  }
};
