import { randomBytes, randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as T from 'fp-ts/lib/Task.js';
import { aesGcmCipher } from '../../adapters/crypto/aes-gcm-cipher.js';
import { jiraProvider, type JiraIssueSourceOptions } from '../../adapters/providers/jira/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';
import { networkBaseUrlPolicy } from '../../adapters/net/index.js';
import { sortableIds } from '../../adapters/ids/sortable-ids.js';
import { createOrm, createPostgresAdapters } from '../../adapters/postgres/index.js';
import { memorySyncQueue, runSyncsInline } from '../../adapters/memory/memory-sync-queue.js';
import { defaultSyncSettings } from '../../apps/api/container.js';
import { asEntityId, asOrganizationId, createConnection, syncNow, type DomainEvents, type IdSyncLimits, type Provider, type Requester, type SyncMode, type SyncReport } from '../../core/index.js';
import type { SimulatorReady } from '../programs/jira-simulator.js';

export const BENCH_ORGANIZATION = asOrganizationId('org-bench');
export const BENCH_REQUESTER: Requester = { organizationId: BENCH_ORGANIZATION, actor: 'bench', requestId: null };

/** Where a product would attach its bus; the bench only counts, so memory does not grow with N. */
const countingDomainEvents = () => {
  let count = 0;
  const events: DomainEvents = {
    publish: (published) => {
      count += published.length;
      return T.of(undefined);
    },
  };
  return { events, count: () => count };
};

const rightOrThrow = <A>(outcome: E.Either<unknown, A>, what: string): A => {
  if (E.isLeft(outcome)) throw new Error(`${what} failed: ${JSON.stringify(outcome.left)}`);
  return outcome.right;
};

export interface SyncWiringOptions {
  readonly jira?: Partial<JiraIssueSourceOptions>;
  readonly poolSize?: number;
  /** Set, a first sync reads by ids, batches side by side (as the worker runs it); unset, page after page. */
  readonly idSync?: IdSyncLimits;
}

/**
 * The production path of a sync, wired as apps/api does it: core's syncNow, the Jira adapter over
 * HTTP, every persistence port on PostgreSQL through MikroORM, AES-GCM for the stored token.
 */
export const wireSync = async (databaseUrl: string, simulator: SimulatorReady, options: SyncWiringOptions = {}) => {
  const jira = jiraProvider({ allowPrivateNetwork: true, ...options.jira });
  const body = { type: 'jira', baseUrl: simulator.url, email: simulator.email, apiToken: simulator.apiToken };
  return wireProviderSync(databaseUrl, { provider: jira, close: jira.close, body }, options.poolSize, options.idSync);
};

/** A provider to sync from, the create body of its connection, and how to close it. */
export interface WiredProvider {
  readonly provider: Provider;
  readonly body: Readonly<Record<string, unknown>>;
  readonly close: () => void;
}

/** The same production path for any provider: one connection made from `body`, synced with syncNow. */
export const wireProviderSync = async (databaseUrl: string, wired: WiredProvider, poolSize?: number, idSync?: IdSyncLimits) => {
  const orm = await createOrm(databaseUrl, poolSize === undefined ? {} : { poolSize });
  const domainEvents = countingDomainEvents();
  const deps = runSyncsInline({
    ...createPostgresAdapters(orm),
    syncQueue: memorySyncQueue(),
    ...defaultSyncSettings,
    ...(idSync === undefined ? {} : { idSync }),
    providers: providerRegistry([wired.provider]),
    cipher: aesGcmCipher({ current: randomBytes(32) }),
    clock: { now: () => new Date() },
    ids: { next: () => randomUUID() },
    eventIds: sortableIds(),
    domainEvents: domainEvents.events,
    baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
  });
  const connection = rightOrThrow(await createConnection(deps)(BENCH_REQUESTER, wired.body)(), 'Creating the connection');
  const sync = async (mode: SyncMode): Promise<SyncReport> =>
    rightOrThrow(await syncNow(deps)({ organizationId: BENCH_ORGANIZATION, connectionId: asEntityId(connection.id), options: { mode } })(), `The ${mode} sync`);
  const close = async () => {
    wired.close();
    await orm.close();
  };
  /** Rows of the stored tasks and distinct items among them: equal, and N, when nothing was lost or stored twice. */
  const storedTasks = async () => {
    const [row] = await orm.em.getConnection().execute<Array<{ rows: string; items: string }>>('select count(*) as rows, count(distinct external_id) as items from external_tasks');
    return { rows: Number(row?.rows ?? 0), items: Number(row?.items ?? 0) };
  };
  return { sync, close, domainEventCount: domainEvents.count, storedTasks };
};
