import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from '@koa/router';
import Koa from 'koa';
import { faultControl, parseFaultSettings, type FaultControl, type FaultSettings } from '../jira/faults.js';
import { INVALID_JSON, readJson } from '../jira/http-helpers.js';
import { addApiRoutes } from './api-routes.js';
import { callbackControl, type CallbackControl } from './callback-sender.js';
import { seedTickets, ticketStore, type TicketStore } from './store.js';
import type { WriteFaults } from './ticket-writes.js';

/** The API member the simulator accepts. */
export const CONNECTWISE_SIM_MEMBER = {
  companyId: 'taskport',
  publicKey: 'sim-public-key',
  privateKey: 'sim-private-key',
  clientId: '7f1b5e2c-3d4a-4b6e-9c8d-2a1f0e3b4c5d',
  codebase: 'v4_6_release',
} as const;

export interface ConnectWiseSimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  readonly serviceTickets?: number;
  readonly projectTickets?: number;
  readonly seed?: number;
  /** The newest seeded update (default: now); history spans `spanDays` (default 20) before it. */
  readonly anchor?: Date;
  readonly spanDays?: number;
  readonly faults?: Partial<FaultSettings>;
  readonly now?: () => number;
}

/** The API member's key pair, as an administrator can revoke it (every call then answers 401). */
export interface MemberKeys {
  readonly revoke: () => void;
  readonly restore: () => void;
  readonly revoked: () => boolean;
}

export interface ConnectWiseSimulator {
  readonly url: string;
  readonly store: TicketStore;
  readonly faults: FaultControl;
  readonly callbacks: CallbackControl;
  readonly keys: MemberKeys;
  readonly writes: WriteFaults;
  /** API requests answered (faults included), for tests and benchmarks. */
  readonly requestCount: () => number;
  readonly close: () => Promise<void>;
}

interface State {
  body?: unknown;
}

const error = (ctx: Koa.ParameterizedContext<State>, status: number, code: string, message: string) => {
  ctx.status = status;
  ctx.body = { code, message };
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const expectedAuthorization = `Basic ${Buffer.from(`${CONNECTWISE_SIM_MEMBER.companyId}+${CONNECTWISE_SIM_MEMBER.publicKey}:${CONNECTWISE_SIM_MEMBER.privateKey}`).toString('base64')}`;

/** A ConnectWise PSA site: REST 3.0 under `/{codebase}/apis/3.0`, key-pair auth with the clientId required, signed callbacks. */
export const startConnectWiseSimulator = async (options: ConnectWiseSimulatorOptions = {}): Promise<ConnectWiseSimulator> => {
  const now = options.now ?? Date.now;
  const store = ticketStore(
    seedTickets({ serviceTickets: options.serviceTickets ?? 30, projectTickets: options.projectTickets ?? 20, seed: options.seed ?? 1, anchor: options.anchor ?? new Date(now()), spanDays: options.spanDays ?? 20 }),
    now,
  );
  const faults = faultControl(options.faults);
  let url = '';
  const callbacks = callbackControl(store, { url: () => url, codebase: CONNECTWISE_SIM_MEMBER.codebase, companyId: CONNECTWISE_SIM_MEMBER.companyId });
  let requests = 0;
  let refused = 0;
  let revoked = false;
  const memberKeys: MemberKeys = { revoke: () => void (revoked = true), restore: () => void (revoked = false), revoked: () => revoked };

  const app = new Koa<State>();
  app.use(async (ctx, next) => {
    const body = ctx.method === 'GET' || ctx.method === 'DELETE' ? undefined : await readJson(ctx as never);
    if (body === INVALID_JSON) return error(ctx, 400, 'InvalidObject', 'The body is not JSON');
    ctx.state.body = body;
    return next();
  });
  const admin = new Router<State>({ prefix: '/__admin' });
  admin.put('/faults', (ctx) => {
    const parsed = parseFaultSettings(ctx.state.body);
    if (typeof parsed === 'string') return error(ctx, 400, 'InvalidObject', parsed);
    ctx.body = faults.set(parsed);
  });
  admin.put('/keys', (ctx) => {
    const body = ctx.state.body as { revoked?: unknown } | undefined;
    if (typeof body?.revoked !== 'boolean') return error(ctx, 400, 'InvalidObject', 'expected { revoked: boolean }');
    (body.revoked ? memberKeys.revoke : memberKeys.restore)();
    ctx.body = { revoked: memberKeys.revoked() };
  });
  admin.get('/load', (ctx) => {
    ctx.body = faults.load();
  });
  admin.delete('/load', (ctx) => {
    faults.resetLoad();
    ctx.status = 204;
  });
  // API requests answered, and the 429s among them (over the limit or injected), as the other simulators count them.
  admin.get('/requests/counts', (ctx) => {
    ctx.body = { total: requests, refused };
  });
  const keys = new Router<State>({ prefix: '/:codebase' });
  keys.get(/\/+system\/callbackkey\/index\.rails$/, (ctx) => {
    if (ctx.get('clientid') === '') return error(ctx, 401, 'Unauthorized', 'clientId header is required');
    const key = callbacks.signingKey(String(ctx.query.id ?? ''));
    if (key === undefined) return error(ctx, 404, 'NotFound', 'Unknown key');
    ctx.body = { signing_key: key };
  });
  const api = new Router<State>({ prefix: '/:codebase/apis/3.0' });
  api.use(async (ctx, next) => {
    requests += 1;
    const release = faults.admit();
    try {
      const { latencyMs, retryAfterSeconds } = faults.settings();
      if (latencyMs > 0) await sleep(latencyMs);
      const fault = release === null ? 'rate-limit' : faults.decide();
      if (fault === 'rate-limit' || fault === 'unavailable') {
        if (fault === 'rate-limit') refused += 1;
        ctx.set('Retry-After', String(retryAfterSeconds));
        return error(ctx, fault === 'rate-limit' ? 429 : 503, fault === 'rate-limit' ? 'TooManyRequests' : 'ServiceUnavailable', 'Try again later');
      }
      if (fault === 'server-error') return error(ctx, 500, 'ConnectWiseApi', 'Internal error');
      if (ctx.get('clientid') === '') return error(ctx, 401, 'Unauthorized', 'A clientId header is required');
      if (ctx.get('authorization') !== expectedAuthorization || revoked) return error(ctx, 401, 'Unauthorized', 'Invalid credentials');
      if (ctx.params.codebase !== CONNECTWISE_SIM_MEMBER.codebase) return error(ctx, 404, 'ConnectWiseApi', 'The endpoint does not exist.');
      return await next();
    } finally {
      release?.();
    }
  });
  const writes = addApiRoutes(api as unknown as Router, store, callbacks, now);
  app.use(admin.routes()).use(keys.routes()).use(api.routes()).use(api.allowedMethods());

  const server = http.createServer(app.callback());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  url = `http://${host}:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url, store, faults, callbacks, keys: memberKeys, writes, requestCount: () => requests, close };
};
