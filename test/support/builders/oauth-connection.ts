import type { Ciphertext, Connection, OAuth2Credentials, PendingSiteSelection } from '../../../core/index.js';
import { aConnection } from './connection.js';
import { anId, anOrganization } from './ids.js';

export const oauthCredentials = (overrides: Partial<OAuth2Credentials> = {}): OAuth2Credentials => ({
  kind: 'oauth2',
  cloudId: '1324a887-45db-1bf4-1e99-ef0ff456d421',
  accessToken: `cipher-of-access-${anId()}` as Ciphertext,
  refreshToken: `cipher-of-refresh-${anId()}` as Ciphertext,
  expiresAt: new Date('2026-02-01T11:00:00.123Z'),
  scopes: ['read:jira-work', 'offline_access'],
  status: 'active',
  ...overrides,
});

/** A Jira connection made through OAuth: no API token, the tokens encrypted in its credentials. */
export const anOAuthConnection = (overrides: Partial<Connection> = {}): Connection =>
  aConnection({ credentials: oauthCredentials(), queryFilter: null, ...overrides });

export const aSiteSelection = (overrides: Partial<PendingSiteSelection> = {}): PendingSiteSelection => ({
  id: anId(),
  organizationId: anOrganization(),
  subject: 'user-1',
  provider: 'jira',
  sites: [
    { cloudId: 'cloud-a', name: 'alpha', url: 'https://alpha.atlassian.net', scopes: ['read:jira-work'] },
    { cloudId: 'cloud-b', name: 'beta', url: 'https://beta.atlassian.net', scopes: ['read:jira-work'] },
  ],
  tokens: { accessToken: 'cipher-a' as Ciphertext, refreshToken: 'cipher-r' as Ciphertext, expiresAt: new Date('2026-01-01T01:00:00.000Z'), scopes: ['read:jira-work'] },
  validUntil: new Date('2026-01-01T00:10:00.000Z'),
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  ...overrides,
});
