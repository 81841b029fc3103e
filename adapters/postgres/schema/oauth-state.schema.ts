import { EntitySchema } from '@mikro-orm/postgresql';
import type { ProviderName } from '../../../core/index.js';
import { providerColumn } from './enum-columns.js';

/** A row of `oauth_states`: a pending authorization, keyed by the SHA-256 of its state (the state itself is never stored). */
export interface OAuthStateRecord {
  stateHash: string;
  organizationId: string;
  subject: string;
  provider: ProviderName;
  redirectUri: string;
  client: unknown;
  expiresAt: Date;
}

export const OAuthStateSchema = new EntitySchema<OAuthStateRecord>({
  name: 'OAuthStateRecord',
  tableName: 'oauth_states',
  properties: {
    stateHash: { type: 'text', primary: true },
    organizationId: { type: 'text' },
    subject: { type: 'text' },
    provider: providerColumn,
    redirectUri: { type: 'text' },
    client: { type: 'json', columnType: 'jsonb' },
    expiresAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
