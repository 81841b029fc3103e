import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { OrganizationId } from '../../domain/ids.js';
import type { WorkspaceModuleState } from '../../domain/workspace-module.js';
import { moduleDisabled, type InvalidInput, type ModuleDisabled, type ModuleNotFound, type PersistenceFailure } from '../../errors.js';
import { getWorkspaceModule } from './get-workspace-module.js';
import type { WorkspaceModuleDeps } from './list-workspace-modules.js';

/** Passes only when the module exists and is on for the workspace: what a guarded route asks first. */
export const requireEnabledModule =
  (deps: WorkspaceModuleDeps) =>
  (
    organizationId: OrganizationId,
    params: unknown,
  ): TE.TaskEither<InvalidInput | ModuleNotFound | ModuleDisabled | PersistenceFailure, WorkspaceModuleState> =>
    pipe(
      getWorkspaceModule(deps)(organizationId, params),
      TE.chainW((state) => (state.enabled ? TE.right(state) : TE.left(moduleDisabled(state.key, state.workspaceId)))),
    );
