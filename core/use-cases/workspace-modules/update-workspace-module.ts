import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { WorkspaceModuleUpdateCodec } from '../../codecs/workspace-module-input.js';
import type { Requester } from '../../domain/requester.js';
import { moduleState, type WorkspaceModuleState } from '../../domain/workspace-module.js';
import type { InvalidInput, ModuleNotFound, PersistenceFailure } from '../../errors.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { auditEntryOf, type RecordingDeps } from '../audit/audited.js';
import { knownModuleParams } from './get-workspace-module.js';
import type { WorkspaceModuleDeps } from './list-workspace-modules.js';

export interface UpdateWorkspaceModuleDeps extends WorkspaceModuleDeps, RecordingDeps {
  readonly unitOfWork: UnitOfWork;
}

/**
 * Switches a module on or off for the workspace, replacing its settings when `config` is given.
 * Audited as `workspace_module.switched` with the state before and after; the config's content is
 * the product's and is not recorded, only that it was replaced.
 */
export const updateWorkspaceModule =
  (deps: UpdateWorkspaceModuleDeps) =>
  (requester: Requester, params: unknown, body: unknown): TE.TaskEither<InvalidInput | ModuleNotFound | PersistenceFailure, WorkspaceModuleState> =>
    pipe(
      TE.fromEither(knownModuleParams(deps.moduleCatalog)(params)),
      TE.bindTo('target'),
      TE.bindW('update', () => TE.fromEither(decodeInput(WorkspaceModuleUpdateCodec)(body))),
      TE.chainW(({ target, update }) =>
        deps.unitOfWork.transaction((ports) =>
          pipe(
            ports.workspaceModules.find(requester.organizationId, target.workspaceId, target.known.key),
            TE.map((stored) => moduleState(target.known, target.workspaceId, stored ?? undefined)),
            TE.bindTo('before'),
            TE.bind('saved', () =>
              ports.workspaceModules.save({
                organizationId: requester.organizationId,
                workspaceId: target.workspaceId,
                moduleKey: target.known.key,
                enabled: update.enabled,
                ...(update.config === undefined ? {} : { config: update.config }),
                updatedAt: deps.clock.now(),
              }),
            ),
            TE.chainFirst(({ before, saved }) =>
              ports.audit.append([
                auditEntryOf(deps, requester)('workspace_module.switched', `${target.workspaceId}/${target.known.key}`, {
                  workspaceId: target.workspaceId,
                  moduleKey: target.known.key,
                  enabled: { before: before.enabled, after: saved.enabled },
                  configReplaced: update.config !== undefined,
                }),
              ]),
            ),
            TE.map(({ saved }) => moduleState(target.known, target.workspaceId, saved)),
          ),
        ),
      ),
    );
