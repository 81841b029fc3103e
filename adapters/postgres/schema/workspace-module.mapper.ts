import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import { asOrganizationId, persistenceFailure, type PersistenceFailure, type WorkspaceId, type WorkspaceModuleSwitch } from '../../../core/index.js';
import type { WorkspaceModuleRecord } from './workspace-module.schema.js';

/** A row as `insert ... returning *` answers it: column names, not properties. */
export interface WorkspaceModuleRow {
  organization_id: string;
  workspace_id: string;
  module_key: string;
  enabled: boolean;
  config: unknown;
  updated_at: Date;
}

export const fromWorkspaceModuleRow = (row: WorkspaceModuleRow): WorkspaceModuleRecord => ({
  organizationId: row.organization_id,
  workspaceId: row.workspace_id,
  moduleKey: row.module_key,
  enabled: row.enabled,
  config: row.config,
  updatedAt: new Date(row.updated_at),
});

export const toWorkspaceModuleSwitch = (r: WorkspaceModuleRecord): E.Either<PersistenceFailure, WorkspaceModuleSwitch> =>
  pipe(
    t.UnknownRecord.decode(r.config),
    E.mapLeft(() => persistenceFailure(`The stored config of module ${r.moduleKey} is not a JSON object`)),
    E.map((config) => ({
      organizationId: asOrganizationId(r.organizationId),
      workspaceId: r.workspaceId as WorkspaceId,
      moduleKey: r.moduleKey,
      enabled: r.enabled,
      config,
      updatedAt: r.updatedAt,
    })),
  );
