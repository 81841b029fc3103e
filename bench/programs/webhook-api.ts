/**
 * Scenario 6, the server: the real API (apps/api's startApiServer, the PostgreSQL persistence, the
 * request log at info level as in production) with one connection of the tracker under load: Jira
 * or ServiceNow with a webhook secret, or ConnectWise on its simulated site (which serves the
 * callbacks' signing key and the tickets they name). `GET /__bench/cpu` answers this process's CPU
 * time so far, `GET /__bench/drained-cpu` the same once the inbox is drained, so the scenario can
 * take the API's share of a load with and without applying it, and the delay of its event loop
 * since the call before (during the load, when read right after it).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Router from '@koa/router';
import * as E from 'fp-ts/lib/Either.js';
import { aesGcmCipher } from '../../adapters/crypto/aes-gcm-cipher.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { networkBaseUrlPolicy } from '../../adapters/net/index.js';
import { sortableIds } from '../../adapters/ids/sortable-ids.js';
import { memorySyncQueue } from '../../adapters/memory/memory-sync-queue.js';
import { memoryWriteQueue } from '../../adapters/memory/memory-write-queue.js';
import { createOrm } from '../../adapters/postgres/index.js';
import { connectWiseProvider } from '../../adapters/providers/connectwise/index.js';
import { jiraProvider } from '../../adapters/providers/jira/index.js';
import { servicenowProvider } from '../../adapters/providers/servicenow/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';
import { CONNECTWISE_SIM_MEMBER } from '../../apps/simulator/connectwise/index.js';
import { postgresPersistence } from '../../apps/api/postgres-persistence.js';
import { startApiServer, type RunningApi } from '../../apps/api/server.js';
import { createConnection } from '../../core/index.js';
import { childInput, reply } from '../support/child.js';
import { BENCH_REQUESTER } from '../support/sync-wiring.js';

export type WebhookApiSite =
  | { readonly provider: 'jira'; readonly secret: string; readonly siteUrl: string }
  | { readonly provider: 'servicenow'; readonly secret: string; readonly siteUrl: string }
  | { readonly provider: 'connectwise'; readonly siteUrl: string };

export interface WebhookApiInput {
  readonly databaseUrl: string;
  readonly site: WebhookApiSite;
}

export interface WebhookApiReady {
  readonly url: string;
  readonly connectionId: string;
}

/**
 * `process.cpuUsage()` in milliseconds, user + system; since the call before: the event loop's
 * delay (p99 and most) and how long recording a delivery in the inbox took (p50 and p99).
 */
export interface ApiCpu {
  readonly cpuMs: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  readonly recordP50Ms: number;
  readonly recordP99Ms: number;
}

const connectionBody = (site: WebhookApiSite) => {
  switch (site.provider) {
    case 'jira':
      return { type: 'jira', baseUrl: site.siteUrl, email: 'bench@taskport.test', apiToken: 'not-used', webhookSecret: site.secret };
    case 'servicenow':
      return { type: 'servicenow', baseUrl: site.siteUrl, username: 'bench', password: 'not-used', tables: ['incident'], webhookSecret: site.secret };
    case 'connectwise':
      // Every delivery is a ticket read back when applied: the default budget (1,000 requests an hour) would pace the drain, so the most allowed.
      return { type: 'connectwise', baseUrl: site.siteUrl, ...CONNECTWISE_SIM_MEMBER, requestsPerHour: '360000' };
  }
};

const input = childInput<WebhookApiInput>();
const orm = await createOrm(input.databaseUrl);
const recordMs: number[] = [];
const measured = postgresPersistence(orm);
// Each delivery's wait for its inbox insert (the batch before it, then its own commit): the share of the answer's latency spent in the database.
const persistence = {
  ...measured,
  webhookInbox: {
    ...measured.webhookInbox,
    record: (delivery: Parameters<typeof measured.webhookInbox.record>[0]) => async () => {
      const at = performance.now();
      const outcome = await measured.webhookInbox.record(delivery)();
      recordMs.push(performance.now() - at);
      return outcome;
    },
  },
};
const percentileOf = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
const cipher = aesGcmCipher({ current: randomBytes(32) });
const baseUrlPolicy = networkBaseUrlPolicy({ allowPrivateNetwork: true });
const clock = { now: () => new Date() };
// Jira's and ServiceNow's deliveries are applied from what they carry; ConnectWise's are read back from its simulator.
const network = { allowPrivateNetwork: true, timeoutMs: 5_000 };
const providers = providerRegistry([jiraProvider(network), servicenowProvider({ ...network, oauth: { redirectUris: [] } }), connectWiseProvider(network)]);
const created = await createConnection({ unitOfWork: persistence.unitOfWork, eventIds: sortableIds(), cipher, clock, ids: { next: randomUUID }, baseUrlPolicy, providers, minSyncIntervalSeconds: 60 })(
  BENCH_REQUESTER,
  connectionBody(input.site),
)();
if (E.isLeft(created)) throw new Error(`Creating the connection failed: ${JSON.stringify(created.left)}`);
// How long a ready callback (an answer, a pass of the inbox) waited for the loop: a share of every latency the load sees.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const cpuMs = (): ApiCpu => {
  const used = process.cpuUsage();
  const delay = { loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6, recordP50Ms: percentileOf(recordMs, 0.5), recordP99Ms: percentileOf(recordMs, 0.99) };
  loopDelay.reset();
  recordMs.length = 0;
  return { cpuMs: (used.user + used.system) / 1000, ...delay };
};
const started: { api?: RunningApi } = {};
const cpu = new Router()
  .get('/__bench/cpu', (ctx) => void (ctx.body = cpuMs()))
  // Once every delivery recorded so far is applied: what receiving and applying them cost together.
  .get('/__bench/drained-cpu', async (ctx) => {
    await started.api?.webhooks.drain();
    ctx.body = cpuMs();
  });
const api = await startApiServer(
  { logger: createLogger('info'), persistence, cipher, providers, baseUrlPolicy, clock, syncQueue: memorySyncQueue(), writeQueue: memoryWriteQueue() },
  { port: 0, host: '127.0.0.1', jwt: { kind: 'hs256', secret: randomBytes(32).toString('hex') }, publicRouters: [cpu] },
);
started.api = api;
process.once('SIGTERM', () => void api.close().then(() => orm.close()).then(() => process.exit(0)));
// A bench that died leaves no server behind: the IPC channel closes with it.
process.once('disconnect', () => process.exit(0));
await reply<WebhookApiReady>('ready', { url: api.url, connectionId: created.right.id });
