/** `npm run migrate`: applies the pending migrations (see run-migrate.ts), then exits with the outcome's code. */
import { runMigrate } from './run-migrate.js';

runMigrate().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Migration failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    process.exit(1);
  },
);
