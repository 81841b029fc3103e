import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { WorkspaceModuleParamsCodec, type WorkspaceModuleParams } from '../../codecs/workspace-module-input.js';
import type { OrganizationId } from '../../domain/ids.js';
import { findKnownModule, moduleState, type KnownWorkspaceModule, type WorkspaceModuleCatalog, type WorkspaceModuleState } from '../../domain/workspace-module.js';
import { moduleNotFound, type InvalidInput, type ModuleNotFound, type PersistenceFailure } from '../../errors.js';
import type { WorkspaceModuleDeps } from './list-workspace-modules.js';

export interface KnownModuleParams extends WorkspaceModuleParams {
  readonly known: KnownWorkspaceModule;
}

/** Decodes a workspace module's route parameters; a key missing from the catalog is not found, never invalid. */
export const knownModuleParams =
  (catalog: WorkspaceModuleCatalog) =>
  (params: unknown): E.Either<InvalidInput | ModuleNotFound, KnownModuleParams> =>
    pipe(
      decodeInput(WorkspaceModuleParamsCodec)(params),
      E.chainW((p) => {
        const known = findKnownModule(catalog, p.moduleKey);
        return known === undefined ? E.left(moduleNotFound(p.moduleKey)) : E.right({ ...p, known });
      }),
    );

/** One module's state for the workspace: its switch, or its default. */
export const getWorkspaceModule =
  (deps: WorkspaceModuleDeps) =>
  (organizationId: OrganizationId, params: unknown): TE.TaskEither<InvalidInput | ModuleNotFound | PersistenceFailure, WorkspaceModuleState> =>
    pipe(
      TE.fromEither(knownModuleParams(deps.moduleCatalog)(params)),
      TE.chainW(({ workspaceId, known }) =>
        pipe(
          deps.workspaceModules.find(organizationId, workspaceId, known.key),
          TE.map((stored) => moduleState(known, workspaceId, stored ?? undefined)),
        ),
      ),
    );
