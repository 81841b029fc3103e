import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from '@koa/router';
import Koa from 'koa';
import { accountAsUser, DEFAULT_ACCOUNTS, type SimulatorAccount } from './accounts.js';
import { addAdminRoutes } from './admin-routes.js';
import { authMiddleware } from './auth-middleware.js';
import { faultMiddleware } from './fault-middleware.js';
import { faultControl, type FaultControl, type FaultSettings } from './faults.js';
import { sendError, type SimState } from './http-helpers.js';
import { addIssueRoutes } from './issue-routes.js';
import { addJqlParseRoutes } from './jql-parse-routes.js';
import { createIssueStore, type IssueStore } from './issue-store.js';
import { renderCache } from './render-cache.js';
import { selectFields } from './render.js';
import { requestLog, type RequestLog } from './request-log.js';
import { revokedTokenMiddleware, revokedTokens, type RevokedTokens } from './revoked-tokens.js';
import { addSearchRoutes } from './search-routes.js';
import { addSiteRoutes } from './site-routes.js';
import type { PageLimits } from './search.js';
import { seedIssues, seedProjects, seedUsers } from './seed.js';
import { renameMiddleware, siteControl, type SiteControl, type SiteSettings } from './site-behaviour.js';
import type { SimulatorDeps } from './simulator-deps.js';
import { bearerAuthMiddleware } from './bearer-auth-middleware.js';
import { addOAuthRoutes } from './oauth-routes.js';
import { oauthServer, type OAuthControl } from './oauth-server.js';
import type { OAuthSettings } from './oauth-settings.js';
import { addUserRoutes } from './user-routes.js';
import { addWebhookAdminRoutes } from './webhook-admin-routes.js';
import { webhookSender, type WebhookControl, type WebhookSettings } from './webhook-sender.js';

export interface JiraSimulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** How many issues to seed (default 50); 100,000 is fine for benchmarks. */
  readonly issues?: number;
  /** Same seed, same site: users, projects and issues are deterministic. */
  readonly seed?: number;
  readonly projects?: number;
  readonly users?: number;
  /** The newest seeded update (default 2026-01-01T00:00:00Z); seeded history spans `spanDays` before it. */
  readonly anchor?: Date;
  readonly spanDays?: number;
  /** The share of seeded descriptions written with links, mentions, code, tables, media and tasks (default 0.1). */
  readonly richDescriptionShare?: number;
  readonly accounts?: ReadonlyArray<SimulatorAccount>;
  readonly faults?: Partial<FaultSettings>;
  /** Bad credentials answered 401 or as Jira's anonymous user; a site rename. */
  readonly site?: Partial<SiteSettings>;
  readonly pageLimits?: Partial<PageLimits>;
  readonly legacySearch?: 'removed' | 'not-found';
  /** The simulator's clock, used for edits and relative JQL dates. */
  readonly now?: () => number;
  readonly requestLogSize?: number;
  /** Sends a signed webhook there whenever an issue is created, edited, transitioned or deleted. */
  readonly webhooks?: Partial<WebhookSettings>;
  /** Atlassian's OAuth 2.0 (3LO): /authorize, /oauth/token, accessible-resources and the /ex/jira/{cloudId} gateway. */
  readonly oauth?: Partial<OAuthSettings>;
  /** The site's cloudId on /_edge/tenant_info; by default the OAuth site that is this simulator, else a fresh UUID. */
  readonly cloudId?: string;
}

export interface JiraSimulator {
  /** Base URL of the simulated site, e.g. http://127.0.0.1:3100 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly store: IssueStore;
  readonly faults: FaultControl;
  readonly site: SiteControl;
  readonly requests: RequestLog;
  readonly accounts: ReadonlyArray<SimulatorAccount>;
  readonly webhooks: WebhookControl;
  readonly oauth: OAuthControl;
  /** Revokes an API token: answered 401, or anonymously (200 with nothing) as Jira Cloud does. */
  readonly revoked: RevokedTokens;
  /**
   * Renders every issue now, as `account` asking for `fields` at `url` would have them rendered, so
   * a benchmark's sync finds them rendered, as on a site that renders on its own servers. Answers how many.
   */
  readonly warmRenders: (account: SimulatorAccount, fields: ReadonlyArray<string>) => number;
  /** Stops sending webhooks (after those in flight are answered) and the server. */
  readonly close: () => Promise<void>;
}

export const simulatorDeps = (options: JiraSimulatorOptions = {}): SimulatorDeps => {
  const seed = options.seed ?? 1;
  const accounts = options.accounts ?? DEFAULT_ACCOUNTS;
  const seededUsers = seedUsers(seed, options.users ?? 12);
  const projects = seedProjects(options.projects ?? 3);
  const seedOptions = { issues: options.issues ?? 50, seed, projects: projects.length, users: seededUsers.length, anchor: options.anchor ?? new Date('2026-01-01T00:00:00.000Z'), spanDays: options.spanDays ?? 365 };
  const now = options.now ?? Date.now;
  const users = [...seededUsers, ...accounts.map(accountAsUser)];
  const store = createIssueStore({ seed, richDescriptionShare: options.richDescriptionShare ?? 0.1, users, projects, issues: seedIssues(seedOptions, seededUsers, projects) }, now);
  return {
    store,
    renders: renderCache(),
    accounts,
    faults: faultControl(options.faults),
    site: siteControl(options.site),
    requests: requestLog(options.requestLogSize ?? 1000),
    pageLimits: { defaultPageSize: 50, maxPageSize: 100, maxIdPageSize: 5000, ...options.pageLimits },
    legacySearch: options.legacySearch ?? 'removed',
    now,
    webhooks: webhookSender({ store, accounts }, options.webhooks),
    oauth: oauthServer(now, options.oauth),
    revoked: revokedTokens(),
  };
};

/** The Koa app of one simulated Jira Cloud site: its API with Basic auth, and the same API with OAuth bearer tokens under /ex/jira/{cloudId}. */
export const jiraSimulatorApp = (deps: SimulatorDeps, cloudId?: string): Koa<SimState> => {
  const app = new Koa<SimState>();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      sendError(ctx, 500, [error instanceof Error ? error.message : 'Internal error']);
    }
    if (ctx.path.startsWith('/__admin')) return;
    deps.requests.add({ method: ctx.method, path: ctx.path, account: ctx.state.account?.email ?? null, jql: ctx.state.jql ?? null, status: ctx.status, fault: ctx.state.fault ?? null });
  });
  app.use(renameMiddleware(deps.site));
  const admin = new Router<SimState>();
  addAdminRoutes(admin, deps);
  addSiteRoutes(admin, deps, cloudId);
  addWebhookAdminRoutes(admin, deps.webhooks);
  const api = new Router<SimState>();
  api.use(faultMiddleware(deps), revokedTokenMiddleware(deps.revoked), authMiddleware(deps));
  addSearchRoutes(api, deps);
  addJqlParseRoutes(api, deps);
  addIssueRoutes(api, deps);
  addUserRoutes(api, deps);
  const oauth = new Router<SimState>();
  addOAuthRoutes(oauth, deps.oauth, deps.accounts);
  const gateway = new Router<SimState>({ prefix: '/ex/jira/:cloudId' });
  gateway.use(faultMiddleware(deps), bearerAuthMiddleware(deps.oauth));
  addSearchRoutes(gateway, deps);
  addJqlParseRoutes(gateway, deps);
  addIssueRoutes(gateway, deps);
  addUserRoutes(gateway, deps);
  app.use(admin.routes()).use(admin.allowedMethods());
  app.use(oauth.routes()).use(oauth.allowedMethods());
  app.use(gateway.routes()).use(gateway.allowedMethods());
  app.use(api.routes()).use(api.allowedMethods());
  return app;
};

/** Starts a Jira-Cloud-compatible server; `close()` also ends hung requests. */
export const startJiraSimulator = async (options: JiraSimulatorOptions = {}): Promise<JiraSimulator> => {
  const deps = simulatorDeps(options);
  const server = http.createServer(jiraSimulatorApp(deps, options.cloudId).callback());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const stopWebhooks = deps.webhooks.start(url);
  const closeAll = async () => {
    stopWebhooks();
    await deps.webhooks.settled();
    await close();
  };
  const warmRenders = (account: SimulatorAccount, fields: ReadonlyArray<string>) =>
    deps.renders.issuesJson(deps.store.sorted(), { site: url, zone: account.timeZone, store: deps.store }, selectFields(fields) ?? []).length;
  const { store, faults, site, requests, accounts, webhooks, oauth, revoked } = deps;
  return { url, port, store, faults, site, requests, accounts, webhooks, oauth, revoked, warmRenders, close: closeAll };
};
