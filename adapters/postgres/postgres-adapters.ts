import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock, IdGenerator, TransactionalPorts } from '../../core/index.js';
import { sortableIds } from '../ids/sortable-ids.js';
import type { EntityManagerSource } from './database-call.js';
import { postgresWriteRepository } from './postgres-write-repository.js';
import { postgresAuditLog } from './postgres-audit-log.js';
import { postgresConnectionLock, type PostgresConnectionLock } from './postgres-connection-lock.js';
import { postgresConnectionRepository } from './postgres-connection-repository.js';
import { postgresEventDeliveries } from './postgres-event-deliveries.js';
import { postgresEventEndpointRepository } from './postgres-event-endpoints.js';
import { postgresEventFeed, postgresOutbox } from './postgres-event-feed.js';
import { postgresEventSubscriptions } from './postgres-event-subscriptions.js';
import { postgresEventLog } from './postgres-event-log.js';
import { postgresIssueQuarantine } from './postgres-issue-quarantine.js';
import { postgresOAuthStateStore } from './postgres-oauth-state-store.js';
import { postgresRequestBudget } from './postgres-request-budget.js';
import { checkReadiness } from './postgres-readiness.js';
import { postgresSiteSelectionStore } from './postgres-site-selection-store.js';
import { trimHistory, type RetentionWindows } from './postgres-retention.js';
import { postgresBacklog } from './postgres-backlog.js';
import { postgresSyncSchedule } from './postgres-sync-schedule.js';
import { postgresSyncRunRepository } from './postgres-sync-run-repository.js';
import { postgresTaskRepository } from './postgres-task-repository.js';
import { postgresTokenRefreshLock } from './postgres-token-refresh-lock.js';
import { postgresUnitOfWork } from './postgres-unit-of-work.js';
import { postgresUserMappingRepository } from './postgres-user-mapping-repository.js';
import { noWrittenTasks, writtenTasks, type WrittenTasks } from './written-tasks.js';
import { postgresWebhookInbox } from './postgres-webhook-inbox.js';
import { postgresWorkspaceModuleRepository } from './postgres-workspace-module-repository.js';

export interface PostgresAdapterOptions {
  /** Stamps tasks' createdAt/updatedAt; the system clock by default. */
  readonly clock?: Clock;
  /** Ids of new tasks; random UUIDs by default. */
  readonly ids?: IdGenerator;
  /** How long a claimed webhook delivery stays leased to its claimer (30 s by default). */
  readonly inboxLeaseMs?: number;
  /** How long a claimed event delivery stays leased to its deliverer (60 s by default): longer than an attempt can take. */
  readonly deliveryLeaseMs?: number;
  /** Ids of event deliveries: sortable (UUIDv7) by default. */
  readonly deliveryIds?: IdGenerator;
}

/**
 * Every persistence port of core on PostgreSQL. Each call outside a unit of work runs on a fresh
 * fork of the entity manager; inside one, on the transaction's.
 */
export const createPostgresAdapters = (orm: MikroORM, options: PostgresAdapterOptions = {}) => {
  const clock = options.clock ?? { now: () => new Date() };
  const ids = options.ids ?? { next: () => randomUUID() };
  const portsOn = (em: EntityManagerSource, written: WrittenTasks): TransactionalPorts & { readonly connectionLock: PostgresConnectionLock } => ({
    connectionLock: postgresConnectionLock(em),
    tasks: postgresTaskRepository(em, { clock, ids, written }),
    events: postgresEventLog(em),
    userMappings: postgresUserMappingRepository(em),
    connections: postgresConnectionRepository(em),
    workspaceModules: postgresWorkspaceModuleRepository(em),
    syncRuns: postgresSyncRunRepository(em),
    eventEndpoints: postgresEventEndpointRepository(em),
    outbox: postgresOutbox(em, written),
    audit: postgresAuditLog(em),
    writes: postgresWriteRepository(em),
    quarantine: postgresIssueQuarantine(em),
  });
  const fresh: EntityManagerSource = () => orm.em.fork();
  return {
    ...portsOn(fresh, noWrittenTasks),
    auditLog: postgresAuditLog(fresh),
    eventFeed: postgresEventFeed(fresh, { deliveryIds: options.deliveryIds ?? sortableIds() }),
    eventDeliveries: postgresEventDeliveries(fresh, options.deliveryLeaseMs === undefined ? {} : { leaseMs: options.deliveryLeaseMs }),
    eventSubscriptions: postgresEventSubscriptions(fresh),
    syncSchedule: postgresSyncSchedule(fresh),
    oauthStates: postgresOAuthStateStore(fresh, clock),
    siteSelections: postgresSiteSelectionStore(fresh, clock),
    tokenRefreshLock: postgresTokenRefreshLock(orm.config.getClientUrl()),
    // Each transaction knows the rows it wrote.
    unitOfWork: postgresUnitOfWork(orm, (em) => portsOn(em, writtenTasks())),
    webhookInbox: postgresWebhookInbox(fresh, options.inboxLeaseMs === undefined ? {} : { leaseMs: options.inboxLeaseMs }),
    /** Shared by every process on this database: hand it to the providers' HTTP clients. */
    requestBudget: postgresRequestBudget(fresh),
    checkReadiness: checkReadiness(orm),
    /** The retention job: trims idempotency keys and completed webhook deliveries older than their windows. */
    trimHistory: (windows: RetentionWindows) => trimHistory(fresh, windows),
    /** The queue's and the outbox's backlog, for the metrics scraped from any process. */
    readBacklog: postgresBacklog(fresh),
  };
};

export type PostgresAdapters = ReturnType<typeof createPostgresAdapters>;
