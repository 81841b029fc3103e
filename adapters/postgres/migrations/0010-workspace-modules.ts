import { Migration } from '@mikro-orm/migrations';

const modules = `
create table workspace_modules (
  organization_id text not null,
  workspace_id text not null,
  module_key text not null,
  enabled boolean not null,
  config jsonb not null,
  updated_at timestamptz not null,
  primary key (organization_id, workspace_id, module_key)
)`;

/**
 * The embedding product's module switches, one row per (organization, workspace, module) that was
 * ever switched; a module without a row has its default. The primary key serves both the lookup of
 * one switch and the listing of a workspace's.
 */
export class WorkspaceModules extends Migration {
  override up(): void {
    this.addSql(modules);
  }

  override down(): void {
    this.addSql('drop table if exists workspace_modules');
  }
}
