import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import { createApiApp } from '../../adapters/http/create-api-app.js';
import type { JwtVerification } from '../../adapters/http/middleware/jwt-auth.js';
import { buildContainer, type Infrastructure } from './container.js';
import { SERVICE } from './service-ids.js';

export interface ApiServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly jwt: JwtVerification;
  readonly bodyLimit?: number;
  readonly publicRouters?: ReadonlyArray<Router>;
}

export interface RunningApi {
  readonly url: string;
  readonly server: Server;
  /** Stops accepting connections and resolves when in-flight requests have finished. */
  readonly close: () => Promise<void>;
}

/** Wires the container into the Koa app and listens. */
export const startApiServer = async (infra: Infrastructure, options: ApiServerOptions): Promise<RunningApi> => {
  const container = buildContainer(infra);
  const app = createApiApp({
    useCases: container.get(SERVICE.UseCases),
    ready: infra.persistence.ready,
    logger: infra.logger,
    jwt: options.jwt,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.publicRouters === undefined ? {} : { publicRouters: options.publicRouters }),
  });
  const server = createServer(app.callback());
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeIdleConnections();
    });
  return { url: `http://127.0.0.1:${port}`, server, close };
};
