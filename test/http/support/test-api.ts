import { randomBytes } from 'node:crypto';
import { createInMemoryAdapters } from '../../../adapters/memory/index.js';
import { aesGcmCipher } from '../../../adapters/crypto/aes-gcm-cipher.js';
import { createLogger } from '../../../adapters/logging/pino-logger.js';
import { startApiServer, type RunningApi } from '../../../apps/api/server.js';
import type { Persistence } from '../../../apps/api/service-ids.js';
import { someJiraIssues } from '../../builders/source-issue-builder.js';
import { httpClient, type HttpClient } from './http-client.js';
import { TEST_JWT_SECRET } from './tokens.js';

/** A tracker the API can connect to, with working credentials and some issues. */
export interface TestTracker {
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
  readonly issueCount: number;
}

export interface TestApi extends RunningApi {
  readonly http: HttpClient;
  readonly memory: ReturnType<typeof createInMemoryAdapters>;
  readonly jira: TestTracker;
}

/** The real API app on a free port, over real HTTP. */
export const startTestApi = async (): Promise<TestApi> => {
  const memory = createInMemoryAdapters();
  const persistence: Persistence = { ...memory, ready: async () => true };
  const api = await startApiServer(
    {
      logger: createLogger('silent'),
      persistence,
      cipher: aesGcmCipher({ current: randomBytes(32) }),
      sources: memory.sources,
      baseUrlPolicy: memory.baseUrlPolicy,
    },
    { port: 0, host: '127.0.0.1', jwt: { kind: 'hs256', secret: TEST_JWT_SECRET } },
  );
  const jira = { baseUrl: 'https://acme.atlassian.net', email: 'integrations@acme.example', apiToken: 'jira-api-token-0001', issueCount: 12 };
  memory.issueSource.setIssues(jira.baseUrl, someJiraIssues(jira.issueCount));
  return { ...api, http: httpClient(api.url), memory, jira };
};
