import * as TE from 'fp-ts/lib/TaskEither.js';
import { DEFAULT_INBOX_RETRY, DEFAULT_WEBHOOK_SECRET_GRACE_MS, SYNC_INTERVAL_FLOOR_SECONDS, workspaceModuleCatalog, type InboxRetryPolicy, type Provider, type TransactionalPorts } from '../../core/index.js';
import { providerRegistry } from '../providers/shared/registry.js';
import { memoryAuditLog } from './memory-audit-log.js';
import { memoryCipher } from './memory-cipher.js';
import { memoryEventDeliveries } from './memory-event-deliveries.js';
import { memoryEventEndpointRepository } from './memory-event-endpoints.js';
import { memoryEventFeed, memoryOutbox } from './memory-event-feed.js';
import { recordingEventSender, sequentialSecrets } from './memory-event-sender.js';
import { memoryEventSubscriptions } from './memory-event-subscriptions.js';
import { memoryConnectionRepository } from './memory-connection-repository.js';
import { recordingDomainEvents } from './memory-domain-events.js';
import { memoryEventLog } from './memory-event-log.js';
import { memoryIssueQuarantine } from './memory-issue-quarantine.js';
import { memoryIssueSource } from './memory-issue-source.js';
import { memoryOAuthProvider } from './memory-oauth-provider.js';
import { memoryOAuthStateStore } from './memory-oauth-state-store.js';
import { memoryProvider } from './memory-provider.js';
import { memorySiteSelectionStore } from './memory-site-selection-store.js';
import { memoryTokenRefreshLock } from './memory-token-refresh-lock.js';
import { emptyState } from './memory-state.js';
import { memorySyncQueue } from './memory-sync-queue.js';
import { memorySyncSchedule } from './memory-sync-schedule.js';
import { memorySyncRunRepository } from './memory-sync-run-repository.js';
import { memoryTaskRepository } from './memory-task-repository.js';
import { memoryUnitOfWork } from './memory-unit-of-work.js';
import { memoryIssueWriter } from './memory-issue-writer.js';
import { memoryWriteQueue } from './memory-write-queue.js';
import { memoryWriteRepository } from './memory-write-repository.js';
import { memoryUserMappingRepository } from './memory-user-mapping-repository.js';
import { immediateWebhookStats } from './memory-webhook-stats.js';
import { memoryWebhookInbox } from './memory-webhook-inbox.js';
import { memoryWorkspaceModuleRepository } from './memory-workspace-module-repository.js';
import { permissiveBaseUrlPolicy } from './permissive-base-url-policy.js';
import { sequentialIds } from './sequential-ids.js';
import { manualClock } from './test-clock.js';

export * from './memory-audit-log.js';
export * from './memory-cipher.js';
export * from './memory-event-deliveries.js';
export * from './memory-event-endpoints.js';
export * from './memory-event-feed.js';
export * from './memory-event-sender.js';
export * from './memory-event-subscriptions.js';
export * from './memory-connection-repository.js';
export * from './memory-domain-events.js';
export * from './memory-event-log.js';
export * from './memory-issue-quarantine.js';
export * from './memory-issue-source.js';
export * from './memory-oauth-provider.js';
export * from './memory-oauth-state-store.js';
export * from './memory-provider.js';
export * from './memory-site-selection-store.js';
export * from './memory-token-refresh-lock.js';
export * from './memory-state.js';
export * from './memory-sync-queue.js';
export * from './memory-sync-schedule.js';
export * from './memory-sync-run-repository.js';
export * from './memory-task-repository.js';
export * from './memory-unit-of-work.js';
export * from './memory-issue-writer.js';
export * from './memory-write-queue.js';
export * from './memory-write-repository.js';
export * from './memory-user-mapping-repository.js';
export * from './memory-webhook-stats.js';
export * from './memory-webhook-inbox.js';
export * from './memory-workspace-module-repository.js';
export * from './permissive-base-url-policy.js';
export * from './sequential-ids.js';
export * from './test-clock.js';

/** Every port of core, in memory and deterministic: the harness for use-case tests and demos. */
export interface InMemoryOptions {
  readonly pageSize?: number;
  /** The shortest sync interval a connection may ask for (60 s by default). */
  readonly minSyncIntervalSeconds?: number;
  /** Attempts of a queued sync (1 by default, so a failure shows at once). */
  readonly syncAttempts?: number;
  /** Attempts of a queued write (3 by default). */
  readonly writeAttempts?: number;
  readonly webhookSecretGraceMs?: number;
  readonly inboxLeaseMs?: number;
  /** How often a webhook delivery is tried before it is dead-lettered (`DEFAULT_INBOX_RETRY` by default). */
  readonly webhookRetry?: InboxRetryPolicy;
  /** How long a claimed event delivery stays leased to its deliverer (60 s by default). */
  readonly deliveryLeaseMs?: number;
  /** Providers besides the fake tracker (`tracker`), such as a real one's codec under test. */
  readonly extraProviders?: ReadonlyArray<Provider>;
}

export const createInMemoryAdapters = (options: InMemoryOptions = {}) => {
  const state = emptyState();
  const clock = manualClock();
  const ids = sequentialIds();
  const tasks = memoryTaskRepository(state, { clock, ids: sequentialIds('11111111') });
  const events = memoryEventLog(state);
  const userMappings = memoryUserMappingRepository(state);
  const connectionLock = { hold: (organizationId: string, id: string) => TE.right(state.connections.get(id)?.organizationId === organizationId) };
  const connections = memoryConnectionRepository(state);
  const workspaceModules = memoryWorkspaceModuleRepository(state);
  const syncRuns = memorySyncRunRepository(state);
  const eventEndpoints = memoryEventEndpointRepository(state);
  const auditLog = memoryAuditLog(state);
  const outbox = memoryOutbox(state);
  const writes = memoryWriteRepository(state);
  const quarantine = memoryIssueQuarantine(state);
  const transactional: TransactionalPorts = { tasks, events, userMappings, connectionLock, connections, workspaceModules, syncRuns, eventEndpoints, outbox, audit: auditLog, writes, quarantine };
  const issueSource = memoryIssueSource(options.pageSize);
  const oauthProvider = memoryOAuthProvider();
  const issueWriter = memoryIssueWriter(issueSource);
  const provider = memoryProvider(issueSource, oauthProvider, issueWriter);
  const providers = providerRegistry([provider, ...(options.extraProviders ?? [])]);
  return {
    state,
    clock,
    ids,
    tasks,
    events,
    userMappings,
    connections,
    webhookStats: immediateWebhookStats(connections),
    webhookInbox: memoryWebhookInbox(options.inboxLeaseMs === undefined ? {} : { leaseMs: options.inboxLeaseMs }),
    webhookSecretGraceMs: options.webhookSecretGraceMs ?? DEFAULT_WEBHOOK_SECRET_GRACE_MS,
    webhookRetry: options.webhookRetry ?? DEFAULT_INBOX_RETRY,
    syncRuns,
    quarantine,
    eventIds: sequentialIds('eeeeeeee'),
    outbox,
    auditLog,
    eventEndpoints,
    eventFeed: memoryEventFeed(state, { deliveryIds: sequentialIds('dddddddd') }),
    eventDeliveries: memoryEventDeliveries(state, options.deliveryLeaseMs === undefined ? {} : { leaseMs: options.deliveryLeaseMs }),
    eventSubscriptions: memoryEventSubscriptions(state),
    eventSender: recordingEventSender(),
    signingSecrets: sequentialSecrets(),
    syncQueue: memorySyncQueue({ maxAttempts: options.syncAttempts ?? 1 }),
    syncSchedule: memorySyncSchedule(state),
    schedulePolicy: { minIntervalSeconds: options.minSyncIntervalSeconds ?? SYNC_INTERVAL_FLOOR_SECONDS, sweepIntervalSeconds: 24 * 3600, jitter: 0 },
    minSyncIntervalSeconds: options.minSyncIntervalSeconds ?? SYNC_INTERVAL_FLOOR_SECONDS,
    runLeaseMs: 60_000,
    maxRunAttempts: 3,
    unitOfWork: memoryUnitOfWork(state, transactional),
    cipher: memoryCipher(),
    domainEvents: recordingDomainEvents(),
    issueSource,
    issueWriter,
    writes,
    writeQueue: memoryWriteQueue({ maxAttempts: options.writeAttempts ?? 3 }),
    provider,
    providers,
    baseUrlPolicy: permissiveBaseUrlPolicy(),
    oauthProvider,
    oauthStates: memoryOAuthStateStore(state),
    siteSelections: memorySiteSelectionStore(state),
    tokenRefreshLock: memoryTokenRefreshLock(),
    workspaceModules,
    moduleCatalog: workspaceModuleCatalog(providers.all().map((p) => p.description.name)),
  };
};

export type InMemoryAdapters = ReturnType<typeof createInMemoryAdapters>;
