import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { WorkspaceParamsCodec } from '../../codecs/workspace-module-input.js';
import type { OrganizationId } from '../../domain/ids.js';
import { moduleState, type WorkspaceModuleCatalog, type WorkspaceModuleState } from '../../domain/workspace-module.js';
import type { InvalidInput, PersistenceFailure } from '../../errors.js';
import type { WorkspaceModuleRepository } from '../../ports/workspace-module-repository.js';

export interface WorkspaceModuleDeps {
  readonly workspaceModules: WorkspaceModuleRepository;
  readonly moduleCatalog: WorkspaceModuleCatalog;
}

/** Every known module with its state for the workspace, in catalog order; stored keys no longer known are left out. */
export const listWorkspaceModules =
  (deps: WorkspaceModuleDeps) =>
  (organizationId: OrganizationId, params: unknown): TE.TaskEither<InvalidInput | PersistenceFailure, ReadonlyArray<WorkspaceModuleState>> =>
    pipe(
      TE.fromEither(decodeInput(WorkspaceParamsCodec)(params)),
      TE.chainW(({ workspaceId }) =>
        pipe(
          deps.workspaceModules.listForWorkspace(organizationId, workspaceId),
          TE.map((switches) =>
            deps.moduleCatalog.map((known) => moduleState(known, workspaceId, switches.find((s) => s.moduleKey === known.key))),
          ),
        ),
      ),
    );
