/**
 * The API as a separate process, for tests that kill it: on the database of `DATABASE_URL`, with
 * the key of `TASKPORT_ENCRYPTION_KEY` (so a restart reads the secrets), delivering to local
 * receivers, with short delivery leases. Prints `ready <url>`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { aesGcmCipher } from '../../../adapters/crypto/aes-gcm-cipher.js';
import { createLogger } from '../../../adapters/logging/pino-logger.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import { memorySyncQueue } from '../../../adapters/memory/memory-sync-queue.js';
import { memoryWriteQueue } from '../../../adapters/memory/memory-write-queue.js';
import { httpEventSender } from '../../../adapters/outbound/http-event-sender.js';
import { createOrm, createPostgresAdapters } from '../../../adapters/postgres/index.js';
import { jiraProvider } from '../../../adapters/providers/jira/index.js';
import { providerRegistry } from '../../../adapters/providers/shared/registry.js';
import { startApiServer } from '../../../apps/api/server.js';
import { TEST_JWT_SECRET } from '../../http/support/tokens.js';

const orm = await createOrm(process.env.DATABASE_URL!);
const adapters = createPostgresAdapters(orm, { deliveryLeaseMs: 1_000 });
// Syncs run in this process as soon as they are queued.
const syncQueue = memorySyncQueue();
const api = await startApiServer(
  {
    logger: createLogger('silent'),
    persistence: { ...adapters, ready: async () => E.isRight(await adapters.checkReadiness()()) },
    cipher: aesGcmCipher({ current: Buffer.from(process.env.TASKPORT_ENCRYPTION_KEY!, 'base64') }),
    providers: providerRegistry([jiraProvider({ allowPrivateNetwork: true, timeoutMs: 5_000 })]),
    baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
    syncQueue,
    writeQueue: memoryWriteQueue(),
    eventSender: httpEventSender({ allowPrivateNetwork: true, timeoutMs: 30_000 }),
  },
  { port: 0, host: '127.0.0.1', jwt: { kind: 'hs256', secret: TEST_JWT_SECRET }, events: { pollMs: 100 } },
);
syncQueue.attach(api.useCases.runSyncJob, adapters.syncRuns);
console.log(`ready ${api.url}`);
