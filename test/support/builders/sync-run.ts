import { zeroCounts, type SyncRun } from '../../../core/index.js';
import { anId, anOrganization } from './ids.js';

export const aSyncRun = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  id: anId(),
  organizationId: anOrganization(),
  connectionId: anId(),
  trigger: 'manual',
  mode: 'incremental',
  status: 'running',
  counts: zeroCounts,
  error: null,
  startedAt: new Date('2026-02-01T10:00:00.000Z'),
  finishedAt: null,
  ...overrides,
});
