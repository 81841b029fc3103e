/**
 * Scenario 6, the server: the real API (apps/api's startApiServer, the PostgreSQL persistence, the
 * request log at info level as in production) with one Jira connection that has a webhook secret.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { aesGcmCipher } from '../../adapters/crypto/aes-gcm-cipher.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { networkBaseUrlPolicy } from '../../adapters/net/index.js';
import { sortableIds } from '../../adapters/ids/sortable-ids.js';
import { memorySyncQueue } from '../../adapters/memory/memory-sync-queue.js';
import { memoryWriteQueue } from '../../adapters/memory/memory-write-queue.js';
import { createOrm } from '../../adapters/postgres/index.js';
import { jiraProvider } from '../../adapters/providers/jira/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';
import { postgresPersistence } from '../../apps/api/postgres-persistence.js';
import { startApiServer } from '../../apps/api/server.js';
import { createConnection } from '../../core/index.js';
import { childInput, reply } from '../support/child.js';
import { BENCH_REQUESTER } from '../support/sync-wiring.js';

export interface WebhookApiInput {
  readonly databaseUrl: string;
  readonly secret: string;
  readonly siteUrl: string;
}

export interface WebhookApiReady {
  readonly url: string;
  readonly connectionId: string;
}

const input = childInput<WebhookApiInput>();
const orm = await createOrm(input.databaseUrl);
const persistence = postgresPersistence(orm);
const cipher = aesGcmCipher({ current: randomBytes(32) });
const baseUrlPolicy = networkBaseUrlPolicy({ allowPrivateNetwork: true });
const clock = { now: () => new Date() };
// Deliveries are applied from what they carry: the provider's HTTP is never used but to name the site.
const providers = providerRegistry([jiraProvider({ allowPrivateNetwork: true, timeoutMs: 1_000 })]);
const created = await createConnection({ unitOfWork: persistence.unitOfWork, eventIds: sortableIds(), cipher, clock, ids: { next: randomUUID }, baseUrlPolicy, providers, minSyncIntervalSeconds: 60 })(BENCH_REQUESTER, {
  type: 'jira',
  baseUrl: input.siteUrl,
  email: 'bench@taskport.test',
  apiToken: 'not-used',
  webhookSecret: input.secret,
})();
if (E.isLeft(created)) throw new Error(`Creating the connection failed: ${JSON.stringify(created.left)}`);
const api = await startApiServer(
  { logger: createLogger('info'), persistence, cipher, providers, baseUrlPolicy, clock, syncQueue: memorySyncQueue(), writeQueue: memoryWriteQueue() },
  { port: 0, host: '127.0.0.1', jwt: { kind: 'hs256', secret: randomBytes(32).toString('hex') } },
);
process.once('SIGTERM', () => void api.close().then(() => orm.close()).then(() => process.exit(0)));
// A bench that died leaves no server behind: the IPC channel closes with it.
process.once('disconnect', () => process.exit(0));
await reply<WebhookApiReady>('ready', { url: api.url, connectionId: created.right.id });
