import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OrganizationId } from '../domain/ids.js';
import type { WorkspaceId, WorkspaceModuleSwitch } from '../domain/workspace-module.js';
import type { PersistenceFailure } from '../errors.js';

/** A switch as a workspace changes it; `config` left out keeps the stored one (`{}` for a first switch). */
export interface WorkspaceModuleChange {
  readonly organizationId: OrganizationId;
  readonly workspaceId: WorkspaceId;
  readonly moduleKey: string;
  readonly enabled: boolean;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly updatedAt: Date;
}

/**
 * The module switches of the embedding product's workspaces, one per (organization, workspace,
 * module). Only switches are stored: a module never switched has its catalog default, which is core's
 * to apply. Keys are stored as given; whether one is a module is the catalog's to say.
 */
export interface WorkspaceModuleRepository {
  /** Every switch stored for the workspace, in no particular order. */
  readonly listForWorkspace: (
    organizationId: OrganizationId,
    workspaceId: WorkspaceId,
  ) => TE.TaskEither<PersistenceFailure, ReadonlyArray<WorkspaceModuleSwitch>>;
  /** The switch of one module of the workspace, or null when it was never switched. */
  readonly find: (
    organizationId: OrganizationId,
    workspaceId: WorkspaceId,
    moduleKey: string,
  ) => TE.TaskEither<PersistenceFailure, WorkspaceModuleSwitch | null>;
  /** Inserts or replaces the switch in one atomic step and answers it as stored. */
  readonly save: (change: WorkspaceModuleChange) => TE.TaskEither<PersistenceFailure, WorkspaceModuleSwitch>;
}
