import type {
  AuditEntry,
  Connection,
  EventEndpoint,
  ExternalTask,
  ExternalTaskEvent,
  ExternalUserMapping,
  OAuthStateBinding,
  OutboxEvent,
  PendingSiteSelection,
  QuarantinedIssue,
  SyncRun,
  WorkspaceModuleSwitch,
  Write,
} from '../../core/index.js';
import type { StoredDelivery } from './memory-event-deliveries.js';

/** An outbox row: the event, its insertion order, and its feed position once published. */
export interface StoredOutboxEvent {
  readonly event: OutboxEvent;
  readonly seq: number;
  readonly position: number | null;
}

/** A subscription's cursor and lease. */
export interface StoredSubscription {
  readonly position: string | null;
  readonly holder: string | null;
  readonly leaseUntil: Date | null;
}

/** Everything the in-memory adapters hold, in one place so a transaction can snapshot and restore it. */
export interface MemoryState {
  connections: Map<string, Connection>;
  tasks: Map<string, ExternalTask>;
  events: Map<string, ExternalTaskEvent>;
  userMappings: Map<string, ExternalUserMapping>;
  syncRuns: Map<string, SyncRun>;
  /** Pending authorizations by state. */
  oauthStates: Map<string, OAuthStateBinding>;
  siteSelections: Map<string, PendingSiteSelection>;
  /** Module switches by (organization, workspace, module). */
  workspaceModules: Map<string, WorkspaceModuleSwitch>;
  /** Outbox events by id; `outboxSeq` and `feedHead` are the last insertion number and feed position given. */
  outbox: Map<string, StoredOutboxEvent>;
  outboxSeq: number;
  feedHead: number;
  auditEntries: Map<string, AuditEntry>;
  eventEndpoints: Map<string, EventEndpoint>;
  eventDeliveries: Map<string, StoredDelivery>;
  eventSubscriptions: Map<string, StoredSubscription>;
  writes: Map<string, Write>;
  /** Quarantined items by (organization, connection, external id). */
  quarantine: Map<string, QuarantinedIssue>;
}

export const emptyState = (): MemoryState => ({
  connections: new Map(),
  tasks: new Map(),
  events: new Map(),
  userMappings: new Map(),
  syncRuns: new Map(),
  oauthStates: new Map(),
  siteSelections: new Map(),
  workspaceModules: new Map(),
  outbox: new Map(),
  outboxSeq: 0,
  feedHead: 0,
  auditEntries: new Map(),
  eventEndpoints: new Map(),
  eventDeliveries: new Map(),
  eventSubscriptions: new Map(),
  writes: new Map(),
  quarantine: new Map(),
});

/** The tables a unit of work writes, which a rolled-back transaction puts back as they were. */
export const TRANSACTIONAL_TABLES = ['tasks', 'events', 'userMappings', 'connections', 'workspaceModules', 'syncRuns', 'eventEndpoints', 'writes', 'quarantine'] as const;

/** Values are immutable, so copying the maps is a complete snapshot. */
export const snapshot = (state: MemoryState): MemoryState => ({
  connections: new Map(state.connections),
  tasks: new Map(state.tasks),
  events: new Map(state.events),
  userMappings: new Map(state.userMappings),
  syncRuns: new Map(state.syncRuns),
  oauthStates: new Map(state.oauthStates),
  siteSelections: new Map(state.siteSelections),
  workspaceModules: new Map(state.workspaceModules),
  outbox: new Map(state.outbox),
  outboxSeq: state.outboxSeq,
  feedHead: state.feedHead,
  auditEntries: new Map(state.auditEntries),
  eventEndpoints: new Map(state.eventEndpoints),
  eventDeliveries: new Map(state.eventDeliveries),
  eventSubscriptions: new Map(state.eventSubscriptions),
  writes: new Map(state.writes),
  quarantine: new Map(state.quarantine),
});

export const restore = (state: MemoryState, saved: MemoryState): void => {
  Object.assign(state, saved);
};
