import { Migration } from '@mikro-orm/migrations';

/**
 * The projects a connection syncs become a setting of their own: until now its project mappings
 * were also its scope. A connection whose mappings named projects keeps syncing exactly those, so
 * no upgrade silently widens a sync; from now on project mappings only translate keys.
 */
export class ConnectionProjectScope extends Migration {
  override up(): void {
    this.addSql(`alter table integration_connections add column project_scope jsonb not null default '[]'`);
    this.addSql(`
      update integration_connections
      set project_scope = (select jsonb_agg(p->'projectKey') from jsonb_array_elements(mappings->'projects') as p)
      where jsonb_typeof(mappings->'projects') = 'array' and jsonb_array_length(mappings->'projects') > 0`);
  }

  override down(): void {
    this.addSql('alter table integration_connections drop column project_scope');
  }
}
