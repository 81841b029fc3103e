/** A taskport worker alone (sync jobs, the schedule, sweeps, retention), beside any number of others: `npm run worker`, `taskport worker`. */
import 'reflect-metadata';
import { loggingSyncRuns, loggingSyncRunsIn } from '../../adapters/logging/logging-sync-runs.js';
import { measuredSyncRuns, measuredSyncRunsIn, providerOfRun } from '../../adapters/metrics/sync-metrics.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { buildContainer } from '../api/container.js';
import { readEnv } from '../api/config.js';
import { SERVICE } from '../api/service-ids.js';
import { serveWorkerMetrics } from './metrics-endpoint.js';
import { noWebhookStatistics } from './no-webhook-statistics.js';
import { openRuntime, startRuntimeWorker } from './runtime.js';

/** Runs until SIGINT or SIGTERM, then exits the process; prints `ready` once it works. */
export const runWorker = async (): Promise<void> => {
  const config = readEnv(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await openRuntime(config, logger);
  const { persistence } = runtime.infrastructure;
  // The API's server logs and counts each run's start and end; a worker alone does the same.
  const { syncs } = runtime.metrics;
  const providerOf = providerOfRun(persistence.connections);
  const observed = {
    ...persistence,
    syncRuns: measuredSyncRuns(loggingSyncRuns(persistence.syncRuns, logger), syncs, providerOf),
    unitOfWork: measuredSyncRunsIn(loggingSyncRunsIn(persistence.unitOfWork, logger), syncs, providerOf),
  };
  const useCases = buildContainer({ ...runtime.infrastructure, persistence: observed, webhookStats: noWebhookStatistics }).get(SERVICE.UseCases);
  const worker = await startRuntimeWorker(runtime, useCases, config);
  const metricsPort = config.TASKPORT_WORKER_METRICS_PORT;
  const endpoint =
    metricsPort === undefined
      ? undefined
      : await serveWorkerMetrics(runtime.metrics, { host: config.HOST, port: metricsPort, ...(config.TASKPORT_METRICS_TOKEN === undefined ? {} : { token: config.TASKPORT_METRICS_TOKEN }) });
  logger.info({ pid: process.pid, ...(endpoint === undefined ? {} : { metrics: endpoint.url }) }, 'taskport worker started');
  console.log(endpoint === undefined ? 'ready' : `ready ${endpoint.url}`);
  const stop = (signal: string) => {
    logger.info({ signal, graceSeconds: config.TASKPORT_SHUTDOWN_TIMEOUT_SECONDS }, 'shutting down: finishing running syncs');
    worker
      .stop(config.TASKPORT_SHUTDOWN_TIMEOUT_SECONDS * 1000)
      .then(() => endpoint?.close())
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
