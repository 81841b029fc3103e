import type { ConnectionId, OrganizationId, SyncRunId } from './ids.js';

export type SyncTrigger = 'manual' | 'schedule' | 'full-resync';
export type SyncMode = 'incremental' | 'full';
export type SyncRunStatus = 'running' | 'succeeded' | 'failed';

export interface SyncCounts {
  readonly issuesProcessed: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
}

export const zeroCounts: SyncCounts = { issuesProcessed: 0, created: 0, updated: 0, unchanged: 0, skipped: 0 };

export const addCounts = (a: SyncCounts, b: SyncCounts): SyncCounts => ({
  issuesProcessed: a.issuesProcessed + b.issuesProcessed,
  created: a.created + b.created,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
  skipped: a.skipped + b.skipped,
});

/** One execution of a sync, kept as history. */
export interface SyncRun {
  readonly id: SyncRunId;
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly trigger: SyncTrigger;
  readonly mode: SyncMode;
  readonly status: SyncRunStatus;
  readonly counts: SyncCounts;
  readonly error: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
}

export interface SyncReport extends SyncCounts {
  readonly runId: SyncRunId;
  readonly status: Exclude<SyncRunStatus, 'running'>;
  readonly mode: SyncMode;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly cursor: string | null;
}
