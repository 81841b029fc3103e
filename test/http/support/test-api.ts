import { randomBytes } from 'node:crypto';
import { aesGcmCipher } from '../../../adapters/crypto/aes-gcm-cipher.js';
import { jiraIssueSource } from '../../../adapters/jira/index.js';
import { createLogger } from '../../../adapters/logging/pino-logger.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import type { MikroORM } from '../../../adapters/postgres/index.js';
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
}

/**
 * The real API app over real HTTP, on an empty PostgreSQL, connected through the real Jira adapter to
 * the Jira simulator. A small page latency makes concurrent syncs of one connection overlap.
 */
export const startTestApi = async (options: { issues?: number; latencyMs?: number } = {}): Promise<TestApi> => {
  const { orm } = await emptyTestDatabase();
  const simulator = await startJiraSimulator({ issues: options.issues ?? 12, faults: { latencyMs: options.latencyMs ?? 20 } });
  const jira = jiraIssueSource({ allowPrivateNetwork: true, timeoutMs: 5_000 });
  const api = await startApiServer(
    {
      logger: createLogger('silent'),
      persistence: postgresPersistence(orm),
      cipher: aesGcmCipher({ current: randomBytes(32) }),
      sources: (provider) => (provider === 'jira' ? jira : undefined),
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
    },
    { port: 0, host: '127.0.0.1', jwt: { kind: 'hs256', secret: TEST_JWT_SECRET } },
  );
  const account = simulator.accounts[0]!;
  return {
    ...api,
    close: async () => {
      await api.close();
      await simulator.close();
    },
    http: httpClient(api.url),
    orm,
    jira: { baseUrl: simulator.url, email: account.email, apiToken: account.apiToken, issueCount: options.issues ?? 12, simulator },
  };
};

/** Every stored secret ciphertext (the API token inside `credentials`, the webhook secret), to prove none reaches a response. */
export const storedCiphertexts = async (orm: MikroORM): Promise<string[]> => {
  const rows: Array<{ credentials: { apiToken?: string }; webhook_secret: string | null }> = await orm.em
    .fork()
    .execute('select credentials, webhook_secret from integration_connections');
  return rows.flatMap((row) => [row.credentials.apiToken, row.webhook_secret].filter((v): v is string => typeof v === 'string'));
};
