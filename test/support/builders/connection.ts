import { defaultFieldMappings, initialSyncState, noWebhookStats, type Ciphertext, type Connection } from '../../../core/index.js';
import { anId, anOrganization } from './ids.js';

export const aConnection = (overrides: Partial<Connection> = {}): Connection => {
  const id = overrides.id ?? anId();
  return {
    id,
    organizationId: anOrganization(),
    provider: 'jira',
    name: 'Acme Jira',
    baseUrl: `https://acme-${id.slice(0, 8)}.atlassian.net`,
    credentials: { kind: 'api-token', email: 'bot@acme.test', apiToken: `cipher-of-${id}` as Ciphertext },
    webhookSecret: null,
    previousWebhookSecret: null,
    mappings: { ...defaultFieldMappings(), projects: [{ projectKey: 'OPS', internalProjectId: 'p-1' }, { projectKey: 'WEB', internalProjectId: null }] },
    queryFilter: 'project = OPS',
    pollingEnabled: true,
    enabled: true,
    syncState: initialSyncState,
    webhookStats: noWebhookStats,
    createdAt: new Date('2026-02-01T10:00:00.000Z'),
    updatedAt: new Date('2026-02-01T10:00:00.000Z'),
    ...overrides,
  };
};
