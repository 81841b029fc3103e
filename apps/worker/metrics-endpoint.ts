import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { metricsRoutes } from '../../adapters/http/routes/metrics.js';
import type { Metrics } from '../../adapters/metrics/metrics.js';

export interface MetricsEndpoint {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/**
 * GET /metrics of a worker alone (TASKPORT_WORKER_METRICS_PORT), the same route as the API's: the
 * runs this worker ends and the tracker requests it makes are counted in its process only.
 */
export const serveWorkerMetrics = async (metrics: Metrics, options: { readonly host: string; readonly port: number; readonly token?: string }): Promise<MetricsEndpoint> => {
  const router = metricsRoutes(metrics.registry, options.token);
  const app = new Koa().use(router.routes()).use(router.allowedMethods());
  const server = app.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { address, family, port } = server.address() as AddressInfo;
  return {
    url: `http://${family === 'IPv6' ? `[${address}]` : address}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
