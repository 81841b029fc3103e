import type { Server } from 'node:http';
import type { Logger } from 'pino';

/**
 * Stops accepting connections and waits for the requests in flight, at most `timeoutMs`; then the
 * connections still open are cut, so a request that never ends cannot hold the shutdown for ever.
 */
export const stopServing = async (server: Server, requestsInFlight: () => number, timeoutMs: number, logger: Logger): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeIdleConnections();
  });
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  try {
    if ((await Promise.race([closed, late])) !== 'late') return;
    logger.warn({ requestsInFlight: requestsInFlight(), timeoutMs }, `shutting down: requests still in flight after ${timeoutMs / 1000} s are cut off`);
    server.closeAllConnections();
    await closed;
  } finally {
    clearTimeout(timer);
  }
};
