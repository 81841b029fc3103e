import { memorySyncQueue } from '../../../adapters/memory/memory-sync-queue.js';
import { memoryWriteQueue } from '../../../adapters/memory/memory-write-queue.js';
import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { Logger } from 'pino';
import { aesGcmCipher } from '../../../adapters/crypto/aes-gcm-cipher.js';
import { connectWiseProvider } from '../../../adapters/providers/connectwise/index.js';
import { jiraProvider, type JiraProviderOptions } from '../../../adapters/providers/jira/index.js';
import { servicenowProvider } from '../../../adapters/providers/servicenow/index.js';
import { providerRegistry } from '../../../adapters/providers/shared/registry.js';
import { createLogger } from '../../../adapters/logging/pino-logger.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import { httpEventSender } from '../../../adapters/outbound/http-event-sender.js';
import { createMetrics } from '../../../adapters/metrics/metrics.js';
import { sourceObserver } from '../../../adapters/metrics/source-metrics.js';
import type { MikroORM } from '../../../adapters/postgres/index.js';
import { postgresBacklog } from '../../../adapters/postgres/postgres-backlog.js';
import { batchedWebhookStats, type BatchedWebhookStats } from '../../../adapters/stats/batched-webhook-stats.js';
import { postgresPersistence } from '../../../apps/api/postgres-persistence.js';
import type { EventDeliveryOptions } from '../../../apps/api/event-delivery.js';
import { startApiServer, type ApiServerOptions, type HttpTimeouts, type RunningApi } from '../../../apps/api/server.js';
import type { ConsoleOptions } from '../../../adapters/http/console/console-routes.js';
import type { OpenApiDocument } from '../../../adapters/http/docs/openapi-document.js';
import { SIMULATOR_OAUTH_CLIENT, startJiraSimulator, type JiraSimulator, type SimulatedSite } from '../../../apps/simulator/jira/index.js';
import { startServiceNowSimulator, type ServiceNowSimulator, type ServiceNowSimulatorOptions } from '../../../apps/simulator/servicenow/index.js';
import type { Cipher, InboxRetryPolicy } from '../../../core/index.js';
import { emptyTestDatabase } from '../../support/test-database.js';
import { httpClient, type HttpClient } from './http-client.js';
import { TEST_JWT_SECRET } from './tokens.js';

/** A tracker the API can connect to, with working credentials and some issues. */
export interface TestTracker {
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
  readonly issueCount: number;
  readonly simulator: JiraSimulator;
}

/** A ServiceNow instance the API can connect to (when asked for), with working credentials. */
export interface TestServiceNow {
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly simulator: ServiceNowSimulator;
}

/** Registered in the simulated instance's OAuth client; the test plays the browser, so nothing listens there. */
export const SERVICENOW_REDIRECT_URI = 'https://taskport.test/api/integrations/oauth/servicenow/callback';

export interface TestApi extends RunningApi {
  readonly http: HttpClient;
  readonly orm: MikroORM;
  readonly jira: TestTracker;
  readonly servicenow: TestServiceNow | undefined;
  /** Webhook counts are batched; `flush()` writes them so a test can read them back. */
  readonly webhookStats: BatchedWebhookStats;
  /** The API's clock: the wall clock plus an offset that `advanceClock` moves forward. */
  readonly now: () => Date;
  readonly advanceClock: (ms: number) => void;
  /** The API's cipher, for a second process on the same database. */
  readonly cipher: Cipher;
}

export interface TestApiOptions {
  readonly issues?: number;
  readonly latencyMs?: number;
  readonly webhookBodyLimit?: number;
  readonly bodyLimit?: number;
  readonly webhookSecretGraceMs?: number;
  /** How often a recorded delivery is tried before it is dead-lettered, and how the runner polls (short waits for tests). */
  readonly webhookRetry?: InboxRetryPolicy;
  readonly webhookRunner?: ApiServerOptions['webhookRunner'];
  /** Routes of an embedding product, mounted behind the JWT like taskport's own. */
  readonly productRouters?: ReadonlyArray<Router>;
  readonly httpTimeouts?: Partial<HttpTimeouts>;
  readonly jwtMaxLifetimeSeconds?: number;
  /** Silent unless given; tests that read log lines pass a logger writing where they can read. */
  readonly logger?: Logger;
  /** Serves the web console too (see test/console). */
  readonly console?: ConsoleOptions;
  /** Serves /api/openapi.json and /docs too. */
  readonly apiDocs?: OpenApiDocument;
  /** 0 (a free port) by default; OAuth tests choose it first, since the callback URL names it. */
  readonly port?: number;
  /** Jira OAuth against the simulator: the callback registered with it, where it sends the browser (JSON answers without one), the sites a grant reaches. */
  readonly oauth?: { readonly redirectUri: string; readonly frontendUrl?: string; readonly sites?: ReadonlyArray<SimulatedSite> };
  /** Options of the Jira provider, such as a `sleep` that records waits instead of waiting. */
  readonly jira?: Partial<JiraProviderOptions>;
  /** How events are published and delivered (to local receivers: the private network is allowed). */
  readonly events?: EventDeliveryOptions;
  /** Also starts a ServiceNow simulator (on the API's clock) and registers the ServiceNow provider, OAuth included. */
  readonly servicenow?: ServiceNowSimulatorOptions;
}

/**
 * The real API app over real HTTP, on an empty PostgreSQL, connected through the real Jira adapter to
 * the Jira simulator. A small page latency makes concurrent syncs of one connection overlap.
 */
export const startTestApi = async (options: TestApiOptions = {}): Promise<TestApi> => {
  const { orm } = await emptyTestDatabase();
  const oauth = options.oauth;
  const simulator = await startJiraSimulator({
    issues: options.issues ?? 12,
    faults: { latencyMs: options.latencyMs ?? 20 },
    ...(oauth?.sites === undefined ? {} : { oauth: { sites: oauth.sites } }),
  });
  // The metrics of a deployment: the trackers' requests measured, the backlog read from the database.
  const metrics = createMetrics({ backlog: postgresBacklog(() => orm.em.fork()) });
  const jira = jiraProvider({
    allowPrivateNetwork: true,
    timeoutMs: 5_000,
    onExchange: sourceObserver(metrics.sources)('jira'),
    ...options.jira,
    ...(oauth === undefined
      ? {}
      : {
          apiGatewayUrl: simulator.url,
          oauth: { ...SIMULATOR_OAUTH_CLIENT, redirectUris: [oauth.redirectUri], authorizeUrl: `${simulator.url}/authorize`, tokenUrl: `${simulator.url}/oauth/token` },
        }),
  });
  const listening: { url?: string } = {};
  const connectwise = connectWiseProvider({ allowPrivateNetwork: true, timeoutMs: 5_000, publicUrl: () => listening.url });
  const persistence = postgresPersistence(orm);
  const eventSender = httpEventSender({ allowPrivateNetwork: true, timeoutMs: 2_000 });
  const cipher = aesGcmCipher({ current: randomBytes(32) });
  // Syncs run in this process as soon as they are queued; the workers' own tests use the real queue.
  const syncQueue = memorySyncQueue();
  // Writes too: each runs as soon as it is queued (retried at once), as a worker would run it.
  const writeQueue = memoryWriteQueue();
  const webhookStats = batchedWebhookStats(persistence.connections, { intervalMs: 60_000 });
  let clockOffsetMs = 0;
  const now = () => new Date(Date.now() + clockOffsetMs);
  const sn = options.servicenow === undefined ? undefined : await startServiceNowSimulator({ now: () => now().getTime(), ...options.servicenow });
  const servicenow = sn === undefined ? undefined : servicenowProvider({ allowPrivateNetwork: true, timeoutMs: 5_000, oauth: { redirectUris: [SERVICENOW_REDIRECT_URI] } });
  const api = await startApiServer(
    {
      logger: options.logger ?? createLogger('silent'),
      persistence,
      cipher,
      providers: providerRegistry(servicenow === undefined ? [jira, connectwise] : [jira, servicenow, connectwise]),
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
      webhookStats,
      syncQueue,
      writeQueue,
      clock: { now },
      eventSender,
      ...(options.webhookSecretGraceMs === undefined ? {} : { webhookSecretGraceMs: options.webhookSecretGraceMs }),
      ...(options.webhookRetry === undefined ? {} : { webhookRetry: options.webhookRetry }),
    },
    {
      port: options.port ?? 0,
      host: '127.0.0.1',
      metrics,
      jwt: { kind: 'hs256', secret: TEST_JWT_SECRET, ...(options.jwtMaxLifetimeSeconds === undefined ? {} : { maxLifetimeSeconds: options.jwtMaxLifetimeSeconds }) },
      ...(options.webhookBodyLimit === undefined ? {} : { webhookBodyLimit: options.webhookBodyLimit }),
      ...(options.webhookRunner === undefined ? {} : { webhookRunner: options.webhookRunner }),
      ...(options.productRouters === undefined ? {} : { productRouters: options.productRouters }),
      ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
      ...(options.httpTimeouts === undefined ? {} : { httpTimeouts: options.httpTimeouts }),
      ...(options.console === undefined ? {} : { console: options.console }),
      ...(options.apiDocs === undefined ? {} : { apiDocs: options.apiDocs }),
      ...(options.events === undefined ? {} : { events: options.events }),
      ...(oauth?.frontendUrl === undefined ? {} : { oauthFrontendUrls: { jira: oauth.frontendUrl } }),
    },
  );
  listening.url = api.url;
  syncQueue.attach(api.useCases.runSyncJob, persistence.syncRuns);
  writeQueue.attach(api.useCases.runWriteJob, persistence.writes);
  const account = simulator.accounts[0]!;
  return {
    ...api,
    close: async () => {
      await api.close();
      eventSender.close();
      await simulator.close();
      await sn?.close();
      jira.close();
      connectwise.close();
      servicenow?.close();
    },
    http: httpClient(api.url),
    cipher,
    orm,
    webhookStats,
    now,
    advanceClock: (ms) => {
      clockOffsetMs += ms;
    },
    jira: { baseUrl: simulator.url, email: account.email, apiToken: account.apiToken, issueCount: options.issues ?? 12, simulator },
    servicenow: sn === undefined ? undefined : { baseUrl: sn.url, username: sn.accounts[0]!.userName, password: sn.accounts[0]!.password, simulator: sn },
  };
};

/**
 * Every stored secret ciphertext (the provider's secrets, the OAuth tokens of a grant, the webhook
 * secrets, the tokens of pending site selections), to prove none reaches a response.
 */
export const storedCiphertexts = async (orm: MikroORM): Promise<string[]> => {
  type Grant = { accessToken?: string; refreshToken?: string } | null;
  const em = orm.em.fork();
  const rows: Array<{ secrets: Record<string, string>; oauth_grant: Grant; webhook_secret: string | null; previous_webhook_secret: string | null }> = await em.execute(
    'select secrets, oauth_grant, webhook_secret, previous_webhook_secret from integration_connections',
  );
  const selections: Array<{ access_token: string; refresh_token: string }> = await em.execute('select access_token, refresh_token from oauth_site_selections');
  return [
    ...rows.flatMap((row) => [...Object.values(row.secrets), row.oauth_grant?.accessToken, row.oauth_grant?.refreshToken, row.webhook_secret, row.previous_webhook_secret]),
    ...selections.flatMap((row) => [row.access_token, row.refresh_token]),
  ].filter((v): v is string => typeof v === 'string');
};

/** The key a webhook delivery to this connection is deduplicated on: scoped to the tracker instance (its site). */
export const webhookKeyOf = async (orm: MikroORM, connectionId: string, deliveryId: string): Promise<string> => {
  const [row] = await orm.em.fork().execute<Array<{ provider: string; site: string }>>('select provider, site from integration_connections where id = ?', [connectionId]);
  return `webhook:${row!.provider}:${row!.site}:${deliveryId}`;
};
