import { createServer } from 'node:net';
import { DatabaseUnavailable } from '../../adapters/postgres/index.js';
import { ConfigError } from './config.js';

/** A start-up failure whose message is already the one line to show. */
export class StartupError extends Error {}

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/** Why the API cannot listen on `host:port`, and what to change. */
export const listenFailure = (error: unknown, host: string, port: number): Error => {
  switch (codeOf(error)) {
    case 'EADDRINUSE':
      return new StartupError(`Port ${port} on ${host} is already in use: stop what listens there or set PORT to another port`);
    case 'EACCES':
      return new StartupError(`Not allowed to listen on port ${port} on ${host}: use a port above 1023 or set PORT`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(`HOST ${host} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0 for all`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
};

/**
 * Fails fast when the port is taken, before the database is started and migrated for nothing. The
 * real listen can still lose a race, and reports it the same way.
 */
export const ensurePortFree = (host: string, port: number): Promise<void> =>
  port === 0
    ? Promise.resolve()
    : new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', (error) => reject(listenFailure(error, host, port)));
        probe.listen(port, host, () => probe.close(() => resolve()));
      });

/** One line for the console: the message of a known failure, the first line of any other. */
export const describeStartupFailure = (error: unknown): string => {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof DatabaseUnavailable) return error.message;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return `taskport could not start: ${message}`;
};
