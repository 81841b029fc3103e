import type { ConnectionId, OrganizationId, SyncRunId } from './ids.js';
import type { QuarantinedItem } from './quarantine.js';
import type { RequestOrigin } from './requester.js';

/** Who asked for a run: a person (sync-now), the schedule, or the retry of a run whose process stopped. */
export type SyncTrigger = 'manual' | 'schedule' | 'full-resync' | 'retry';
/**
 * `incremental` reads what changed since the watermark; `full` reads everything again and then
 * sweeps; `sweep` only walks the ids the connection syncs, to find deleted and out-of-scope items.
 */
export type SyncMode = 'incremental' | 'full' | 'sweep';
export type SyncRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type FinishedRunStatus = Exclude<SyncRunStatus, 'queued' | 'running'>;

/** A connection has at most one run in these states at a time, across every process. */
export const OPEN_RUN_STATUSES: ReadonlyArray<SyncRunStatus> = ['queued', 'running'];

export const isOpenRun = (status: SyncRunStatus): boolean => OPEN_RUN_STATUSES.includes(status);

export interface SyncCounts {
  readonly issuesProcessed: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  /** Items that could not be stored, kept aside with their reason (see `QuarantinedItem`). */
  readonly quarantined: number;
}

export const zeroCounts: SyncCounts = { issuesProcessed: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, quarantined: 0 };

export const addCounts = (a: SyncCounts, b: SyncCounts): SyncCounts => ({
  issuesProcessed: a.issuesProcessed + b.issuesProcessed,
  created: a.created + b.created,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
  skipped: a.skipped + b.skipped,
  quarantined: a.quarantined + b.quarantined,
});

/** What a sweep changed: tasks whose item is gone, moved out of the connection's scope, or came back into it. */
export interface SweepCounts {
  readonly deleted: number;
  readonly outOfScope: number;
  readonly backInScope: number;
}

export const zeroSweep: SweepCounts = { deleted: 0, outOfScope: 0, backInScope: 0 };

/** How far a run got: pages read, what its items did, what its sweep changed, and which items it could not store. */
export interface SyncProgress {
  readonly pages: number;
  readonly counts: SyncCounts;
  readonly sweep: SweepCounts;
  /** The first `RUN_QUARANTINE_LIMIT` items quarantined (`counts.quarantined` has them all). */
  readonly quarantine: ReadonlyArray<QuarantinedItem>;
}

export const noProgress: SyncProgress = { pages: 0, counts: zeroCounts, sweep: zeroSweep, quarantine: [] };

/** Why a run failed, kept so a caller waiting for it gets the same error as if it had run the sync itself. */
export interface RunFailure {
  /** The `_tag` of the domain error. */
  readonly code: string;
  readonly message: string;
  /** How long the tracker asked to wait (a rate limit), so sync-now can pass it on. */
  readonly retryAfterMs?: number | null;
  /** The settings a configuration error names. */
  readonly details?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}

/**
 * One execution of a sync, kept as history. Queued when asked for, running while a worker holds its
 * lease (renewed while it works; a run whose lease ran out belongs to a process that is gone), then
 * finished with a status that never changes again.
 */
export interface SyncRun extends SyncProgress {
  readonly id: SyncRunId;
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly trigger: SyncTrigger;
  readonly mode: SyncMode;
  readonly status: SyncRunStatus;
  /** 1 for a first run; a retry of an interrupted run counts on. */
  readonly attempt: number;
  /** A human sentence for failed, cancelled and interrupted runs. */
  readonly error: string | null;
  readonly failure: RunFailure | null;
  readonly cancelRequested: boolean;
  /** Who asked for the run (audited with its start and its end); null for taskport's own runs. */
  readonly requestedBy: RequestOrigin | null;
  readonly queuedAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** Until when the worker running it is known to be alive; null unless running. */
  readonly leaseExpiresAt: Date | null;
}

export interface SyncReport extends SyncCounts {
  readonly runId: SyncRunId;
  readonly status: FinishedRunStatus;
  readonly mode: SyncMode;
  readonly pages: number;
  readonly sweep: SweepCounts;
  /** The items the run could not store, with why (the first `RUN_QUARANTINE_LIMIT`; `quarantined` counts them all). */
  readonly quarantine: ReadonlyArray<QuarantinedItem>;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly cursor: string | null;
}

/** A new run, waiting for a worker. */
export const queuedRun = (
  base: Pick<SyncRun, 'id' | 'organizationId' | 'connectionId' | 'trigger' | 'mode'> & { readonly attempt?: number; readonly requestedBy?: RequestOrigin | null },
  now: Date,
): SyncRun => ({
  ...base,
  ...noProgress,
  attempt: base.attempt ?? 1,
  status: 'queued',
  error: null,
  failure: null,
  cancelRequested: false,
  requestedBy: base.requestedBy ?? null,
  queuedAt: now,
  startedAt: null,
  finishedAt: null,
  leaseExpiresAt: null,
});
