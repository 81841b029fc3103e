import { memorySyncQueue } from '../../../adapters/memory/memory-sync-queue.js';
import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import { aesGcmCipher } from '../../../adapters/crypto/aes-gcm-cipher.js';
import { jiraProvider } from '../../../adapters/providers/jira/index.js';
import { providerRegistry } from '../../../adapters/providers/shared/registry.js';
import { createLogger } from '../../../adapters/logging/pino-logger.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import type { MikroORM } from '../../../adapters/postgres/index.js';
import { batchedWebhookStats, type BatchedWebhookStats } from '../../../adapters/stats/batched-webhook-stats.js';
import { postgresPersistence } from '../../../apps/api/postgres-persistence.js';
import { startApiServer, type RunningApi } from '../../../apps/api/server.js';
import { startJiraSimulator, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
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

export interface TestApi extends RunningApi {
  readonly http: HttpClient;
  readonly orm: MikroORM;
  readonly jira: TestTracker;
  /** Webhook counts are batched; `flush()` writes them so a test can read them back. */
  readonly webhookStats: BatchedWebhookStats;
  /** The API's clock: the wall clock plus an offset that `advanceClock` moves forward. */
  readonly now: () => Date;
  readonly advanceClock: (ms: number) => void;
}

export interface TestApiOptions {
  readonly issues?: number;
  readonly latencyMs?: number;
  readonly webhookBodyLimit?: number;
  readonly webhookSecretGraceMs?: number;
  /** Routes of an embedding product, mounted behind the JWT like taskport's own. */
  readonly productRouters?: ReadonlyArray<Router>;
}

/**
 * The real API app over real HTTP, on an empty PostgreSQL, connected through the real Jira adapter to
 * the Jira simulator. A small page latency makes concurrent syncs of one connection overlap.
 */
export const startTestApi = async (options: TestApiOptions = {}): Promise<TestApi> => {
  const { orm } = await emptyTestDatabase();
  const simulator = await startJiraSimulator({ issues: options.issues ?? 12, faults: { latencyMs: options.latencyMs ?? 20 } });
  const jira = jiraProvider({ allowPrivateNetwork: true, timeoutMs: 5_000 });
  const persistence = postgresPersistence(orm);
  // Syncs run in this process as soon as they are queued; the workers' own tests use the real queue.
  const syncQueue = memorySyncQueue();
  const webhookStats = batchedWebhookStats(persistence.connections, { intervalMs: 60_000 });
  let clockOffsetMs = 0;
  const now = () => new Date(Date.now() + clockOffsetMs);
  const api = await startApiServer(
    {
      logger: createLogger('silent'),
      persistence,
      cipher: aesGcmCipher({ current: randomBytes(32) }),
      providers: providerRegistry([jira]),
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
      webhookStats,
      syncQueue,
      clock: { now },
      ...(options.webhookSecretGraceMs === undefined ? {} : { webhookSecretGraceMs: options.webhookSecretGraceMs }),
    },
    {
      port: 0,
      host: '127.0.0.1',
      jwt: { kind: 'hs256', secret: TEST_JWT_SECRET },
      ...(options.webhookBodyLimit === undefined ? {} : { webhookBodyLimit: options.webhookBodyLimit }),
      ...(options.productRouters === undefined ? {} : { productRouters: options.productRouters }),
    },
  );
  syncQueue.attach(api.useCases.runSyncJob, persistence.syncRuns);
  const account = simulator.accounts[0]!;
  return {
    ...api,
    close: async () => {
      await api.close();
      await simulator.close();
      jira.close();
    },
    http: httpClient(api.url),
    orm,
    webhookStats,
    now,
    advanceClock: (ms) => {
      clockOffsetMs += ms;
    },
    jira: { baseUrl: simulator.url, email: account.email, apiToken: account.apiToken, issueCount: options.issues ?? 12, simulator },
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
