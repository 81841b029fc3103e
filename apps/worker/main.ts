/** `npm run worker`: a taskport worker alone (see run-worker.ts). */
import { describeStartupFailure } from '../api/startup-failure.js';
import { runWorker } from './run-worker.js';

runWorker().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
