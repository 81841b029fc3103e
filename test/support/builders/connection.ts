import { DEFAULT_SYNC_INTERVAL_SECONDS, initialSchedule, initialSyncState, noWebhookStats, type Ciphertext, type Connection } from '../../../core/index.js';
import { fakeTrackerMappings } from '../../../adapters/memory/memory-provider.js';
import { anId, anOrganization } from './ids.js';

/** A connection of the fake tracker (`tracker`), made with an API token. */
export const aConnection = (overrides: Partial<Connection> = {}): Connection => {
  const id = overrides.id ?? anId();
  const host = `acme-${id.slice(0, 8)}.tracker.test`;
  return {
    id,
    organizationId: anOrganization(),
    provider: 'tracker',
    name: 'Acme Tracker',
    baseUrl: `https://${host}`,
    site: host,
    settings: { email: 'bot@acme.test', filter: 'OPS' },
    credentials: { authMode: 'api-token', secrets: { apiToken: `cipher-of-${id}` as Ciphertext }, oauth: null },
    webhookSecret: null,
    previousWebhookSecret: null,
    mappings: { ...fakeTrackerMappings(), projects: [{ projectKey: 'OPS', internalProjectId: 'p-1' }, { projectKey: 'WEB', internalProjectId: null }] },
    projectScope: [],
    pollingEnabled: true,
    syncIntervalSeconds: DEFAULT_SYNC_INTERVAL_SECONDS,
    writeConflictPolicy: 'tracker-wins',
    enabled: true,
    syncState: initialSyncState,
    schedule: initialSchedule,
    webhookStats: noWebhookStats,
    createdAt: new Date('2026-02-01T10:00:00.000Z'),
    updatedAt: new Date('2026-02-01T10:00:00.000Z'),
    ...overrides,
  };
};
