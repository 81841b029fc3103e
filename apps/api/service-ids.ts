import type { ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import type {
  AuditLog,
  BaseUrlPolicy,
  Cipher,
  Clock,
  ConnectionRepository,
  DomainEvents,
  EventDeliveries,
  IdSyncLimits,
  EventEndpointRepository,
  EventFeed,
  EventSender,
  EventSubscriptions,
  IdGenerator,
  InboxRetryPolicy,
  IssueQuarantine,
  OAuthStateStore,
  ProviderRegistry,
  SecretGenerator,
  SiteSelectionStore,
  SchedulePolicy,
  SyncQueue,
  SyncRunRepository,
  SyncScheduleStore,
  TaskRepository,
  TokenRefreshLock,
  UnitOfWork,
  UserMappingRepository,
  WebhookInbox,
  WebhookStatsRecorder,
  WorkspaceModuleCatalog,
  WorkspaceModuleRepository,
  WriteQueue,
  WriteRepository,
} from '../../core/index.js';
import type { ApiUseCases, ReadinessCheck } from '../../adapters/http/api-use-cases.js';

/** What a persistence adapter provides: every repository port, the lock and the unit of work. */
export interface Persistence {
  readonly connections: ConnectionRepository;
  readonly tasks: TaskRepository;
  readonly userMappings: UserMappingRepository;
  readonly syncRuns: SyncRunRepository;
  readonly syncSchedule: SyncScheduleStore;
  readonly unitOfWork: UnitOfWork;
  readonly oauthStates: OAuthStateStore;
  readonly siteSelections: SiteSelectionStore;
  readonly tokenRefreshLock: TokenRefreshLock;
  readonly webhookInbox: WebhookInbox;
  readonly quarantine: IssueQuarantine;
  readonly workspaceModules: WorkspaceModuleRepository;
  readonly auditLog: AuditLog;
  readonly eventEndpoints: EventEndpointRepository;
  readonly eventFeed: EventFeed;
  readonly eventDeliveries: EventDeliveries;
  readonly eventSubscriptions: EventSubscriptions;
  readonly writes: WriteRepository;
  readonly ready: ReadinessCheck;
}

/** How syncs are scheduled and run; see README "Configuration". */
export interface SyncSettings {
  readonly schedulePolicy: SchedulePolicy;
  /** The shortest `syncIntervalSeconds` a connection may ask for. */
  readonly minSyncIntervalSeconds: number;
  readonly runLeaseMs: number;
  readonly maxRunAttempts: number;
  /** How a first or full sync reads by ids, batches side by side; unset, page after page. */
  readonly idSync?: IdSyncLimits;
}

/** Everything core's use cases may ask for. */
export interface CoreDependencies extends Persistence, SyncSettings {
  readonly syncQueue: SyncQueue;
  readonly writeQueue: WriteQueue;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Ids of outbox events and audit entries: sortable. */
  readonly eventIds: IdGenerator;
  readonly eventSender: EventSender;
  readonly signingSecrets: SecretGenerator;
  readonly providers: ProviderRegistry;
  readonly baseUrlPolicy: BaseUrlPolicy;
  readonly domainEvents: DomainEvents;
  readonly webhookStats: WebhookStatsRecorder;
  /** How long a replaced webhook secret stays valid. */
  readonly webhookSecretGraceMs: number;
  /** How often a recorded webhook delivery is tried before it is dead-lettered. */
  readonly webhookRetry: InboxRetryPolicy;
  readonly moduleCatalog: WorkspaceModuleCatalog;
}

export const SERVICE = {
  Logger: Symbol.for('taskport.Logger') as ServiceIdentifier<Logger>,
  Persistence: Symbol.for('taskport.Persistence') as ServiceIdentifier<Persistence>,
  Cipher: Symbol.for('taskport.Cipher') as ServiceIdentifier<Cipher>,
  Clock: Symbol.for('taskport.Clock') as ServiceIdentifier<Clock>,
  Ids: Symbol.for('taskport.Ids') as ServiceIdentifier<IdGenerator>,
  Providers: Symbol.for('taskport.Providers') as ServiceIdentifier<ProviderRegistry>,
  BaseUrlPolicy: Symbol.for('taskport.BaseUrlPolicy') as ServiceIdentifier<BaseUrlPolicy>,
  DomainEvents: Symbol.for('taskport.DomainEvents') as ServiceIdentifier<DomainEvents>,
  WebhookStats: Symbol.for('taskport.WebhookStats') as ServiceIdentifier<WebhookStatsRecorder>,
  CoreDependencies: Symbol.for('taskport.CoreDependencies') as ServiceIdentifier<CoreDependencies>,
  UseCases: Symbol.for('taskport.UseCases') as ServiceIdentifier<ApiUseCases>,
} as const;
