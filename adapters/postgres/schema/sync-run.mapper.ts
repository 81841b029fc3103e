import { asEntityId, asOrganizationId, type SyncRun } from '../../../core/index.js';
import type { SyncRunRecord } from './sync-run.schema.js';

export const toSyncRunRecord = (run: SyncRun): SyncRunRecord => ({
  id: run.id,
  organizationId: run.organizationId,
  connectionId: run.connectionId,
  trigger: run.trigger,
  mode: run.mode,
  status: run.status,
  issuesProcessed: run.counts.issuesProcessed,
  createdCount: run.counts.created,
  updatedCount: run.counts.updated,
  unchangedCount: run.counts.unchanged,
  skippedCount: run.counts.skipped,
  error: run.error,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
});

export const toSyncRun = (r: SyncRunRecord): SyncRun => ({
  id: asEntityId(r.id),
  organizationId: asOrganizationId(r.organizationId),
  connectionId: asEntityId(r.connectionId),
  trigger: r.trigger,
  mode: r.mode,
  status: r.status,
  counts: {
    issuesProcessed: r.issuesProcessed,
    created: r.createdCount,
    updated: r.updatedCount,
    unchanged: r.unchangedCount,
    skipped: r.skippedCount,
  },
  error: r.error,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});
