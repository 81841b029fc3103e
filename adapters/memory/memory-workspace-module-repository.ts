import * as TE from 'fp-ts/lib/TaskEither.js';
import type { WorkspaceModuleRepository, WorkspaceModuleSwitch } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

const switchKey = (organizationId: string, workspaceId: string, moduleKey: string): string =>
  `${organizationId}\u0000${workspaceId}\u0000${moduleKey}`;

export const memoryWorkspaceModuleRepository = (state: MemoryState): WorkspaceModuleRepository => ({
  listForWorkspace: (organizationId, workspaceId) =>
    TE.right([...state.workspaceModules.values()].filter((s) => s.organizationId === organizationId && s.workspaceId === workspaceId)),
  find: (organizationId, workspaceId, moduleKey) => TE.right(state.workspaceModules.get(switchKey(organizationId, workspaceId, moduleKey)) ?? null),
  save: (change) => {
    const key = switchKey(change.organizationId, change.workspaceId, change.moduleKey);
    const saved: WorkspaceModuleSwitch = {
      organizationId: change.organizationId,
      workspaceId: change.workspaceId,
      moduleKey: change.moduleKey,
      enabled: change.enabled,
      config: change.config ?? state.workspaceModules.get(key)?.config ?? {},
      updatedAt: change.updatedAt,
    };
    state.workspaceModules.set(key, saved);
    return TE.right(saved);
  },
});
