import type {
  Connection,
  ExternalTask,
  ExternalTaskEvent,
  ExternalUserMapping,
  OAuthStateBinding,
  PendingSiteSelection,
  SyncRun,
  WorkspaceModuleSwitch,
} from '../../core/index.js';

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
});

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
});

export const restore = (state: MemoryState, saved: MemoryState): void => {
  Object.assign(state, saved);
};
