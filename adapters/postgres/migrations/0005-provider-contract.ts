import { Migration } from '@mikro-orm/migrations';

// The host of a URL, lower-cased: the site of a connection made with an API token before sites existed.
const hostOf = (column: string) => `lower(substring(${column} from '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]+)'))`;

const providerChecks = [
  'alter table integration_connections drop constraint if exists integration_connections_provider_check',
  'alter table external_tasks drop constraint if exists external_tasks_external_system_check',
  'alter table external_user_mappings drop constraint if exists external_user_mappings_external_system_check',
  'alter table oauth_states drop constraint if exists oauth_states_provider_check',
  'alter table oauth_site_selections drop constraint if exists oauth_site_selections_provider_check',
  'alter table webhook_inbox drop constraint if exists webhook_inbox_provider_check',
];

/**
 * Connections: the provider's settings and secrets move out of the one `credentials` column (whose
 * shape was the first provider's: `{kind, email, apiToken}` or `{kind, cloudId, tokens...}`) into
 * generic columns, and each connection gets its site. Rows written before this migration are all
 * of that provider, so their settings are its e-mail and JQL filter.
 */
const connections = [
  `alter table integration_connections
     add column site text, add column settings jsonb, add column auth_mode text, add column secrets jsonb, add column oauth_grant jsonb`,
  `update integration_connections set
     auth_mode = case when credentials->>'kind' = 'oauth2' then 'oauth2' else 'api-token' end,
     settings = jsonb_strip_nulls(jsonb_build_object('email', credentials->>'email', 'jqlFilter', query_filter)),
     secrets = case when credentials->>'kind' = 'oauth2' then '{}'::jsonb else jsonb_build_object('apiToken', credentials->>'apiToken') end,
     oauth_grant = case when credentials->>'kind' = 'oauth2' then jsonb_build_object(
       'accessToken', credentials->'accessToken', 'refreshToken', credentials->'refreshToken', 'expiresAt', credentials->'expiresAt',
       'scopes', credentials->'scopes', 'status', credentials->'status', 'details', jsonb_build_object('cloudId', credentials->'cloudId')) end,
     site = coalesce(case when credentials->>'kind' = 'oauth2' then credentials->>'cloudId' end, ${hostOf('base_url')}, base_url)`,
  // Two old connections of one organization reaching one site (different spellings of its URL) keep apart.
  `update integration_connections c set site = c.site || '#' || c.id from (
     select id, row_number() over (partition by organization_id, provider, site order by created_at, id) as n from integration_connections
   ) ranked where ranked.id = c.id and ranked.n > 1`,
  `alter table integration_connections
     alter column site set not null, alter column settings set not null, alter column auth_mode set not null, alter column secrets set not null,
     drop column credentials, drop column query_filter,
     drop constraint integration_connections_org_provider_base_url_unique,
     add constraint integration_connections_org_provider_site_unique unique (organization_id, provider, site)`,
];

/** Tasks: keyed by their source (provider, site, external id), with the provider's version of the item. */
const tasks = [
  'alter table external_tasks add column site text, add column source_version text',
  `update external_tasks t set site = coalesce(c.site, ${hostOf('t.url')}, ''),
     source_version = to_char(t.external_updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
   from external_tasks t2 left join integration_connections c on c.id = t2.connection_id where t2.id = t.id`,
  `alter table external_tasks alter column site set not null, alter column source_version set not null,
     drop constraint external_tasks_org_system_external_id_unique,
     add constraint external_tasks_org_system_site_external_id_unique unique (organization_id, external_system, site, external_id)`,
];

/** Idempotency keys: once per connection, now once per tracker instance and organization. */
const keys = [
  `update external_task_events e set idempotency_key = split_part(e.idempotency_key, ':', 1) || ':' || c.provider || ':' || c.site || ':' ||
     substring(e.idempotency_key from length(split_part(e.idempotency_key, ':', 1) || ':' || e.connection_id::text || ':') + 1)
   from integration_connections c
   where c.id = e.connection_id and e.idempotency_key like '%:' || e.connection_id::text || ':%'`,
  `alter table external_task_events drop constraint external_task_events_idempotency_key_unique,
     add constraint external_task_events_org_key_unique unique (organization_id, idempotency_key)`,
  `update webhook_inbox i set delivery_key = 'webhook:' || c.provider || ':' || c.site || ':' || i.delivery_id
   from integration_connections c where c.id = i.connection_id`,
  `alter table webhook_inbox drop constraint webhook_inbox_delivery_key_unique,
     add constraint webhook_inbox_org_delivery_key_unique unique (organization_id, delivery_key)`,
];

/** Pending authorizations live minutes: they are dropped rather than converted, and name their client from now on. */
const oauth = [
  'delete from oauth_states',
  'delete from oauth_site_selections',
  'alter table oauth_states add column client jsonb not null',
  'alter table oauth_site_selections add column client jsonb not null',
];

/**
 * The provider contract: provider names are no longer a fixed list in the schema (the registry
 * decides), connections hold generic settings, secrets and an OAuth grant, and tasks, idempotency
 * keys and webhook deliveries are scoped to the tracker instance (the site) rather than the
 * connection, so a connection made again to the same site resumes its tasks.
 */
export class ProviderContract extends Migration {
  override up(): void {
    [...providerChecks, ...connections, ...tasks, ...keys, ...oauth].forEach((sql) => this.addSql(sql));
  }

  override down(): void {
    [
      'delete from oauth_states',
      'delete from oauth_site_selections',
      'alter table oauth_states drop column client',
      'alter table oauth_site_selections drop column client',
      'alter table webhook_inbox drop constraint webhook_inbox_org_delivery_key_unique',
      `update webhook_inbox i set delivery_key = 'webhook:' || i.connection_id::text || ':' || i.delivery_id`,
      'alter table webhook_inbox add constraint webhook_inbox_delivery_key_unique unique (delivery_key)',
      'alter table external_task_events drop constraint external_task_events_org_key_unique',
      'alter table external_task_events add constraint external_task_events_idempotency_key_unique unique (idempotency_key)',
      'alter table external_tasks drop constraint external_tasks_org_system_site_external_id_unique',
      'alter table external_tasks drop column site, drop column source_version',
      'alter table external_tasks add constraint external_tasks_org_system_external_id_unique unique (organization_id, external_system, external_id)',
      'alter table integration_connections add column credentials jsonb, add column query_filter text',
      `update integration_connections set query_filter = settings->>'jqlFilter', credentials = case when oauth_grant is null
         then jsonb_build_object('kind', 'api-token', 'email', coalesce(settings->>'email', ''), 'apiToken', coalesce(secrets->>'apiToken', ''))
         else jsonb_build_object('kind', 'oauth2', 'cloudId', oauth_grant->'details'->>'cloudId', 'accessToken', oauth_grant->'accessToken',
           'refreshToken', oauth_grant->'refreshToken', 'expiresAt', oauth_grant->'expiresAt', 'scopes', oauth_grant->'scopes', 'status', oauth_grant->'status') end`,
      `alter table integration_connections alter column credentials set not null,
         drop constraint integration_connections_org_provider_site_unique,
         drop column site, drop column settings, drop column auth_mode, drop column secrets, drop column oauth_grant,
         add constraint integration_connections_org_provider_base_url_unique unique (organization_id, provider, base_url)`,
    ].forEach((sql) => this.addSql(sql));
  }
}
