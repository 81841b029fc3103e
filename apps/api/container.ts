import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import {
  bindUseCases,
  DEFAULT_INBOX_RETRY,
  DEFAULT_WEBHOOK_SECRET_GRACE_MS,
  SYNC_INTERVAL_FLOOR_SECONDS,
  workspaceModuleCatalog,
  type BaseUrlPolicy,
  type Cipher,
  type Clock,
  type EventSender,
  type InboxRetryPolicy,
  type ProviderRegistry,
  type SyncQueue,
  type WriteQueue,
  type WebhookStatsRecorder,
} from '../../core/index.js';
import { loggingDomainEvents } from '../../adapters/events/logging-domain-events.js';
import { sortableIds } from '../../adapters/ids/sortable-ids.js';
import { randomSigningSecrets } from '../../adapters/outbound/event-signature.js';
import { SERVICE, type CoreDependencies, type Persistence, type SyncSettings } from './service-ids.js';

export interface Infrastructure {
  readonly logger: Logger;
  readonly persistence: Persistence;
  readonly cipher: Cipher;
  /** Every tracker this server speaks to (see apps/api/providers.ts). */
  readonly providers: ProviderRegistry;
  readonly baseUrlPolicy: BaseUrlPolicy;
  /** Counts webhook deliveries per connection (the server batches them, see `batchedWebhookStats`). */
  readonly webhookStats: WebhookStatsRecorder;
  /** How long a replaced webhook secret stays valid; 24 h by default. */
  readonly webhookSecretGraceMs?: number;
  /** How often a recorded webhook delivery is tried before it is dead-lettered; `DEFAULT_INBOX_RETRY` by default. */
  readonly webhookRetry?: InboxRetryPolicy;
  /** The system clock unless a test needs another. */
  readonly clock?: Clock;
  /** Sends events to the organizations' endpoints (see `httpEventSender`). */
  readonly eventSender: EventSender;
  /** Where sync runs are queued (pg-boss in a deployment; the in-process queue in some tests). */
  readonly syncQueue: SyncQueue;
  /** Where writes back to trackers are queued (pg-boss in a deployment; the in-process queue in some tests). */
  readonly writeQueue: WriteQueue;
  /** The defaults (`defaultSyncSettings`) unless configured. */
  readonly sync?: SyncSettings;
}

/** A day between sweeps, a minute's lease, three attempts, the 60 s floor. */
export const defaultSyncSettings: SyncSettings = {
  schedulePolicy: { minIntervalSeconds: SYNC_INTERVAL_FLOOR_SECONDS, sweepIntervalSeconds: 86_400, jitter: 0.1 },
  minSyncIntervalSeconds: SYNC_INTERVAL_FLOOR_SECONDS,
  runLeaseMs: 60_000,
  maxRunAttempts: 3,
};

/** The only place where adapters are bound to core's ports. */
export const buildContainer = (infra: Infrastructure): Container => {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(SERVICE.Logger).toConstantValue(infra.logger);
  container.bind(SERVICE.Persistence).toConstantValue(infra.persistence);
  container.bind(SERVICE.Cipher).toConstantValue(infra.cipher);
  container.bind(SERVICE.Providers).toConstantValue(infra.providers);
  container.bind(SERVICE.BaseUrlPolicy).toConstantValue(infra.baseUrlPolicy);
  container.bind(SERVICE.Clock).toConstantValue(infra.clock ?? { now: () => new Date() });
  container.bind(SERVICE.WebhookStats).toConstantValue(infra.webhookStats);
  container.bind(SERVICE.Ids).toConstantValue({ next: () => randomUUID() });
  container.bind(SERVICE.DomainEvents).toResolvedValue((logger: Logger) => loggingDomainEvents(logger), [SERVICE.Logger]);
  container
    .bind(SERVICE.CoreDependencies)
    .toResolvedValue(
      (persistence, cipher, clock, ids, providers, baseUrlPolicy, domainEvents, webhookStats): CoreDependencies => ({
        ...persistence,
        ...(infra.sync ?? defaultSyncSettings),
        syncQueue: infra.syncQueue,
        writeQueue: infra.writeQueue,
        cipher,
        clock,
        ids,
        providers,
        baseUrlPolicy,
        domainEvents,
        webhookStats,
        eventIds: sortableIds(),
        eventSender: infra.eventSender,
        signingSecrets: randomSigningSecrets(),
        webhookSecretGraceMs: infra.webhookSecretGraceMs ?? DEFAULT_WEBHOOK_SECRET_GRACE_MS,
        webhookRetry: infra.webhookRetry ?? DEFAULT_INBOX_RETRY,
        moduleCatalog: workspaceModuleCatalog(providers.all().map((provider) => provider.description.name)),
      }),
      [SERVICE.Persistence, SERVICE.Cipher, SERVICE.Clock, SERVICE.Ids, SERVICE.Providers, SERVICE.BaseUrlPolicy, SERVICE.DomainEvents, SERVICE.WebhookStats],
    );
  container.bind(SERVICE.UseCases).toResolvedValue(bindUseCases, [SERVICE.CoreDependencies]);
  return container;
};
