import type { Ciphertext, Connection, OAuthGrant, PendingSiteSelection } from '../../../core/index.js';
import { aConnection } from './connection.js';
import { anId, anOrganization } from './ids.js';

export const anOAuthGrant = (overrides: Partial<OAuthGrant> = {}): OAuthGrant => ({
  accessToken: `cipher-of-access-${anId()}` as Ciphertext,
  refreshToken: `cipher-of-refresh-${anId()}` as Ciphertext,
  expiresAt: new Date('2026-02-01T11:00:00.123Z'),
  scopes: ['read:work', 'offline_access'],
  status: 'active',
  details: { siteId: '1324a887-45db-1bf4-1e99-ef0ff456d421' },
  ...overrides,
});

/** A connection made through OAuth: no API token, the grant's tokens encrypted. */
export const anOAuthConnection = (overrides: Partial<Connection> = {}): Connection =>
  aConnection({ settings: {}, credentials: { authMode: 'oauth2', secrets: {}, oauth: anOAuthGrant() }, ...overrides });

export const aSiteSelection = (overrides: Partial<PendingSiteSelection> = {}): PendingSiteSelection => ({
  id: anId(),
  organizationId: anOrganization(),
  subject: 'user-1',
  provider: 'tracker',
  sites: [
    { id: 'site-a', name: 'alpha', url: 'https://alpha.tracker.test', scopes: ['read:work'] },
    { id: 'site-b', name: 'beta', url: 'https://beta.tracker.test', scopes: ['read:work'] },
  ],
  tokens: { accessToken: 'cipher-a' as Ciphertext, refreshToken: 'cipher-r' as Ciphertext, expiresAt: new Date('2026-01-01T01:00:00.000Z'), scopes: ['read:work'] },
  client: { id: anId(), baseUrl: null, settings: {}, secrets: {} },
  validUntil: new Date('2026-01-01T00:10:00.000Z'),
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  ...overrides,
});
