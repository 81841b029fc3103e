import { Migration } from '@mikro-orm/migrations';

const states = `
create table oauth_states (
  state_hash text primary key,
  organization_id text not null,
  subject text not null,
  provider text not null check (provider in ('jira', 'servicenow', 'connectwise')),
  redirect_uri text not null,
  expires_at timestamptz not null
)`;

const selections = `
create table oauth_site_selections (
  id uuid primary key,
  organization_id text not null,
  subject text not null,
  provider text not null check (provider in ('jira', 'servicenow', 'connectwise')),
  sites jsonb not null,
  access_token text not null,
  refresh_token text not null,
  token_expires_at timestamptz not null,
  scopes jsonb not null,
  valid_until timestamptz not null,
  created_at timestamptz not null
)`;

/**
 * OAuth connections. Their tokens live in `integration_connections.credentials` like every other
 * secret, so deleting a connection deletes them. Pending authorizations keep only a hash of their
 * state; a grant waiting for its site to be picked keeps its tokens encrypted, for minutes.
 */
export class OAuth extends Migration {
  override up(): void {
    this.addSql(states);
    this.addSql(selections);
    this.addSql('create index oauth_site_selections_org_idx on oauth_site_selections (organization_id, created_at desc)');
  }

  override down(): void {
    this.addSql('drop table if exists oauth_site_selections');
    this.addSql('drop table if exists oauth_states');
  }
}
