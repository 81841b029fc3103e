/** A taskport worker alone (sync jobs, the schedule, sweeps, retention), beside any number of others: `npm run worker`, `taskport worker`. */
import 'reflect-metadata';
import { loggingSyncRuns, loggingSyncRunsIn } from '../../adapters/logging/logging-sync-runs.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { buildContainer } from '../api/container.js';
import { readEnv } from '../api/config.js';
import { SERVICE } from '../api/service-ids.js';
import { noWebhookStatistics } from './no-webhook-statistics.js';
import { openRuntime, startRuntimeWorker } from './runtime.js';

/** Runs until SIGINT or SIGTERM, then exits the process; prints `ready` once it works. */
export const runWorker = async (): Promise<void> => {
  const config = readEnv(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await openRuntime(config, logger);
  const { persistence } = runtime.infrastructure;
  // The API's server logs each run's start and end; a worker alone does the same.
  const logged = { ...persistence, syncRuns: loggingSyncRuns(persistence.syncRuns, logger), unitOfWork: loggingSyncRunsIn(persistence.unitOfWork, logger) };
  const useCases = buildContainer({ ...runtime.infrastructure, persistence: logged, webhookStats: noWebhookStatistics }).get(SERVICE.UseCases);
  const worker = await startRuntimeWorker(runtime, useCases, config);
  logger.info({ pid: process.pid }, 'taskport worker started');
  console.log('ready');
  const stop = (signal: string) => {
    logger.info({ signal, graceSeconds: config.TASKPORT_SHUTDOWN_TIMEOUT_SECONDS }, 'shutting down: finishing running syncs');
    worker
      .stop(config.TASKPORT_SHUTDOWN_TIMEOUT_SECONDS * 1000)
      .then(() => runtime.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
};
