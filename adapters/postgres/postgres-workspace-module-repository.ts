import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { persistenceFailure, type WorkspaceModuleRepository } from '../../core/index.js';
import { attempt, type EntityManagerSource } from './database-call.js';
import { fromWorkspaceModuleRow, toWorkspaceModuleSwitch, type WorkspaceModuleRow } from './schema/workspace-module.mapper.js';
import { WorkspaceModuleSchema } from './schema/workspace-module.schema.js';

// One statement, so two concurrent switches of one module never lose the settings between a read and a write.
const SAVE = `
insert into workspace_modules (organization_id, workspace_id, module_key, enabled, config, updated_at)
values (?, ?, ?, ?, coalesce(?::jsonb, '{}'::jsonb), ?)
on conflict (organization_id, workspace_id, module_key) do update
set enabled = excluded.enabled, config = coalesce(?::jsonb, workspace_modules.config), updated_at = excluded.updated_at
returning *`;

export const postgresWorkspaceModuleRepository = (em: EntityManagerSource): WorkspaceModuleRepository => ({
  listForWorkspace: (organizationId, workspaceId) =>
    pipe(
      attempt('Listing module switches', () => em().find(WorkspaceModuleSchema, { organizationId, workspaceId }, { disableIdentityMap: true })),
      TE.chainEitherKW(E.traverseArray(toWorkspaceModuleSwitch)),
    ),
  find: (organizationId, workspaceId, moduleKey) =>
    pipe(
      attempt('Reading the module switch', () =>
        em().findOne(WorkspaceModuleSchema, { organizationId, workspaceId, moduleKey }, { disableIdentityMap: true }),
      ),
      TE.chainEitherKW((record) => (record === null ? E.right(null) : toWorkspaceModuleSwitch(record))),
    ),
  save: (change) => {
    const config = change.config === undefined ? null : JSON.stringify(change.config);
    const values = [change.organizationId, change.workspaceId, change.moduleKey, change.enabled, config, change.updatedAt, config];
    return pipe(
      attempt('Saving the module switch', () => em().execute<WorkspaceModuleRow[]>(SAVE, values)),
      TE.chainEitherKW(([row]) =>
        row === undefined ? E.left(persistenceFailure('Saving the module switch returned no row')) : toWorkspaceModuleSwitch(fromWorkspaceModuleRow(row)),
      ),
    );
  },
});
