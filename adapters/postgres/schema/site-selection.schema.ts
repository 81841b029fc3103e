import { EntitySchema } from '@mikro-orm/postgresql';
import type { ProviderName } from '../../../core/index.js';
import { providerColumn } from './enum-columns.js';

/** A row of `oauth_site_selections`: a grant reaching several sites, its tokens encrypted, until one is picked. */
export interface SiteSelectionRecord {
  id: string;
  organizationId: string;
  subject: string;
  provider: ProviderName;
  sites: unknown;
  accessToken: string;
  refreshToken: string;
  tokenExpiresAt: Date;
  scopes: unknown;
  client: unknown;
  validUntil: Date;
  createdAt: Date;
}

export const SiteSelectionSchema = new EntitySchema<SiteSelectionRecord>({
  name: 'SiteSelectionRecord',
  tableName: 'oauth_site_selections',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'text' },
    subject: { type: 'text' },
    provider: providerColumn,
    sites: { type: 'json', columnType: 'jsonb' },
    accessToken: { type: 'text' },
    refreshToken: { type: 'text' },
    tokenExpiresAt: { type: 'Date', columnType: 'timestamptz' },
    scopes: { type: 'json', columnType: 'jsonb' },
    client: { type: 'json', columnType: 'jsonb' },
    validUntil: { type: 'Date', columnType: 'timestamptz' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
  indexes: [
    {
      name: 'oauth_site_selections_org_idx',
      expression: 'create index oauth_site_selections_org_idx on oauth_site_selections (organization_id, created_at desc)',
    },
  ],
});
