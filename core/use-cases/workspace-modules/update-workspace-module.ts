import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { WorkspaceModuleUpdateCodec } from '../../codecs/workspace-module-input.js';
import type { OrganizationId } from '../../domain/ids.js';
import { moduleState, type WorkspaceModuleState } from '../../domain/workspace-module.js';
import type { InvalidInput, ModuleNotFound, PersistenceFailure } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import { knownModuleParams } from './get-workspace-module.js';
import type { WorkspaceModuleDeps } from './list-workspace-modules.js';

/** Switches a module on or off for the workspace, replacing its settings when `config` is given. */
export const updateWorkspaceModule =
  (deps: WorkspaceModuleDeps & { readonly clock: Clock }) =>
  (
    organizationId: OrganizationId,
    params: unknown,
    body: unknown,
  ): TE.TaskEither<InvalidInput | ModuleNotFound | PersistenceFailure, WorkspaceModuleState> =>
    pipe(
      TE.fromEither(knownModuleParams(deps.moduleCatalog)(params)),
      TE.bindTo('target'),
      TE.bindW('update', () => TE.fromEither(decodeInput(WorkspaceModuleUpdateCodec)(body))),
      TE.chainW(({ target, update }) =>
        pipe(
          deps.workspaceModules.save({
            organizationId,
            workspaceId: target.workspaceId,
            moduleKey: target.known.key,
            enabled: update.enabled,
            ...(update.config === undefined ? {} : { config: update.config }),
            updatedAt: deps.clock.now(),
          }),
          TE.map((stored) => moduleState(target.known, target.workspaceId, stored)),
        ),
      ),
    );
