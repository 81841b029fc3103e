import { noProgress, type SyncRun } from '../../../core/index.js';
import { anId, anOrganization } from './ids.js';

export const aSyncRun = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  id: anId(),
  organizationId: anOrganization(),
  connectionId: anId(),
  trigger: 'manual',
  mode: 'incremental',
  status: 'queued',
  attempt: 1,
  ...noProgress,
  error: null,
  failure: null,
  cancelRequested: false,
  requestedBy: null,
  queuedAt: new Date('2026-02-01T10:00:00.000Z'),
  startedAt: null,
  finishedAt: null,
  leaseExpiresAt: null,
  ...overrides,
});
