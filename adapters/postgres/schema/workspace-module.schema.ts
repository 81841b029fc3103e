import { EntitySchema } from '@mikro-orm/postgresql';

/** A row of `workspace_modules`: one module switch of one workspace of one organization. */
export interface WorkspaceModuleRecord {
  organizationId: string;
  workspaceId: string;
  moduleKey: string;
  enabled: boolean;
  config: unknown;
  updatedAt: Date;
}

export const WorkspaceModuleSchema = new EntitySchema<WorkspaceModuleRecord>({
  name: 'WorkspaceModuleRecord',
  tableName: 'workspace_modules',
  properties: {
    organizationId: { type: 'text', primary: true },
    workspaceId: { type: 'text', primary: true },
    moduleKey: { type: 'text', primary: true },
    enabled: { type: 'boolean' },
    config: { type: 'json', columnType: 'jsonb' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
