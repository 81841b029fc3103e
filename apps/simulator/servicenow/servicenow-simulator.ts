import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from '@koa/router';
import Koa from 'koa';
import { faultControl, type FaultControl, type FaultSettings } from '../jira/faults.js';
import { aclControl, type AclControl } from './acl.js';
import { accountRow, DEFAULT_SERVICENOW_ACCOUNTS, type ServiceNowAccount } from './accounts.js';
import { addServiceNowAdminRoutes } from './admin-routes.js';
import { authMiddleware } from './auth-middleware.js';
import { faultMiddleware } from './fault-middleware.js';
import { sendError, type SnState } from './http-helpers.js';
import { addServiceNowOAuthRoutes } from './oauth-routes.js';
import { serviceNowOAuthServer, type ServiceNowOAuthControl, type ServiceNowOAuthSettings } from './oauth-server.js';
import { lostAnswers, type LostAnswers } from './lost-answers.js';
import { queryQuirks, type QueryQuirks } from './query-quirks.js';
import { createRecordStore, type RecordStore } from './record-store.js';
import { snRequestLog, type SnRequestLog } from './request-log.js';
import { TASK_TABLES } from './schema.js';
import { seedInstance } from './seed.js';
import type { ServiceNowSimulatorDeps } from './simulator-deps.js';
import { addTableRoutes } from './table-routes.js';
import { businessRuleSender, type BusinessRuleControl, type BusinessRuleSettings } from './webhook-sender.js';

export interface ServiceNowSimulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Incidents to seed (default 40). */
  readonly incidents?: number;
  /** Records of each other synced table (sc_task, sc_req_item, problem, change_request; default 10 each). */
  readonly tasks?: number;
  /** Same seed, same instance. */
  readonly seed?: number;
  readonly users?: number;
  /** The newest seeded update (default 2026-01-01T00:00:00Z); history spans `spanDays` before it. */
  readonly anchor?: Date;
  readonly spanDays?: number;
  readonly accounts?: ReadonlyArray<ServiceNowAccount>;
  readonly faults?: Partial<FaultSettings>;
  /** Hides about one synced record in n from the API account, as ACLs would (0: none). */
  readonly aclHideEvery?: number;
  readonly oauth?: Partial<ServiceNowOAuthSettings>;
  /** The async business rule posting changes of the synced tables. */
  readonly webhooks?: Partial<BusinessRuleSettings>;
  /** The instance's clock, for updates and tokens. */
  readonly now?: () => number;
  readonly requestLogSize?: number;
}

export interface ServiceNowSimulator {
  /** The instance URL, e.g. http://127.0.0.1:3200 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly store: RecordStore;
  readonly faults: FaultControl;
  readonly acl: AclControl;
  readonly requests: SnRequestLog;
  readonly accounts: ReadonlyArray<ServiceNowAccount>;
  readonly oauth: ServiceNowOAuthControl;
  readonly webhooks: BusinessRuleControl;
  /** Creates made whose answer is lost (a timeout between the instance and its client). */
  readonly lostAnswers: LostAnswers;
  /** Operators the instance ignores in queries, as one that cannot read them does. */
  readonly query: QueryQuirks;
  readonly close: () => Promise<void>;
}

export const serviceNowSimulatorDeps = (options: ServiceNowSimulatorOptions = {}): ServiceNowSimulatorDeps => {
  const now = options.now ?? Date.now;
  const accounts = options.accounts ?? DEFAULT_SERVICENOW_ACCOUNTS;
  const store = createRecordStore(now);
  const tasks = options.tasks ?? 10;
  seedInstance(
    store,
    {
      seed: options.seed ?? 1,
      records: { incident: options.incidents ?? 40, sc_task: tasks, sc_req_item: tasks, problem: tasks, change_request: tasks },
      users: options.users ?? 12,
      anchor: options.anchor ?? new Date('2026-01-01T00:00:00.000Z'),
      spanDays: options.spanDays ?? 365,
    },
    accounts.map(accountRow),
  );
  return {
    store,
    accounts,
    faults: faultControl(options.faults),
    acl: aclControl(options.aclHideEvery ?? 0),
    requests: snRequestLog(options.requestLogSize ?? 1000),
    oauth: serviceNowOAuthServer(now, options.oauth),
    webhooks: businessRuleSender(store, options.webhooks),
    lostAnswers: lostAnswers(),
    query: queryQuirks(),
    now,
  };
};

/** Whether the account's sys_user row is active: an administrator deactivates an integration user by setting it false. */
const isActiveIn = (store: RecordStore) => (userName: string) => store.all('sys_user').find((user) => user.user_name === userName)?.active !== 'false';

/** The Koa app of one simulated instance: the Table API (Basic or OAuth bearer), its OAuth server and /__admin. */
export const serviceNowSimulatorApp = (deps: ServiceNowSimulatorDeps): Koa<SnState> => {
  const app = new Koa<SnState>();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      sendError(ctx, 500, error instanceof Error ? error.message : 'Internal error');
    }
    if (ctx.path.startsWith('/__admin')) return;
    const table = /^\/api\/now\/(?:v2\/)?table\/([^/]+)/.exec(ctx.path)?.[1] ?? null;
    const q = (name: string) => (typeof ctx.query[name] === 'string' ? (ctx.query[name] as string) : null);
    const number = (name: string) => (q(name) === null ? null : Number(q(name)));
    deps.requests.add({ method: ctx.method, path: ctx.path, table, query: q('sysparm_query'), offset: number('sysparm_offset'), limit: number('sysparm_limit'), account: ctx.state.account?.userName ?? null, status: ctx.status, fault: ctx.state.fault ?? null });
  });
  const admin = new Router<SnState>();
  addServiceNowAdminRoutes(admin, deps);
  const oauth = new Router<SnState>();
  addServiceNowOAuthRoutes(oauth, deps.oauth, deps.accounts);
  const api = new Router<SnState>();
  api.use(faultMiddleware(deps.faults, deps.now), authMiddleware(deps.accounts, deps.oauth, isActiveIn(deps.store)));
  addTableRoutes(api, deps);
  app.use(admin.routes()).use(admin.allowedMethods());
  app.use(oauth.routes()).use(oauth.allowedMethods());
  app.use(api.routes()).use(api.allowedMethods());
  return app;
};

/** Starts a ServiceNow-compatible instance; `close()` also ends hung requests. */
export const startServiceNowSimulator = async (options: ServiceNowSimulatorOptions = {}): Promise<ServiceNowSimulator> => {
  const deps = serviceNowSimulatorDeps(options);
  const server = http.createServer(serviceNowSimulatorApp(deps).callback());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const stopWebhooks = deps.webhooks.start(url);
  const close = async () => {
    stopWebhooks();
    await deps.webhooks.settled();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  return { url, port, store: deps.store, faults: deps.faults, acl: deps.acl, requests: deps.requests, accounts: deps.accounts, oauth: deps.oauth, webhooks: deps.webhooks, lostAnswers: deps.lostAnswers, query: deps.query, close };
};

/** The synced records of the instance, every table: what a full sync should read. */
export const syncedRecords = (store: RecordStore, tables: ReadonlyArray<string> = TASK_TABLES) => tables.flatMap((table) => store.all(table).map((record) => ({ table, record })));
