import { EntitySchema } from '@mikro-orm/postgresql';
import type { SyncMode, SyncRunStatus, SyncTrigger } from '../../../core/index.js';
import { modeColumn, runStatusColumn, triggerColumn } from './enum-columns.js';

/** A row of `sync_runs`: one run, from queued to its final status, with its progress and lease. */
export interface SyncRunRecord {
  id: string;
  organizationId: string;
  connectionId: string;
  trigger: SyncTrigger;
  mode: SyncMode;
  status: SyncRunStatus;
  attempt: number;
  pages: number;
  issuesProcessed: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  skippedCount: number;
  quarantinedCount: number;
  /** The first items the run could not store, with their reasons (see `QuarantinedItem`). */
  quarantine: unknown;
  deletedCount: number;
  outOfScopeCount: number;
  backInScopeCount: number;
  error: string | null;
  failureCode: string | null;
  /** What sync-now needs of a failure besides its code: the wait a rate limit asked for, a configuration error's fields. */
  failureDetails: unknown;
  cancelRequested: boolean;
  /** The actor who asked for the run, and the request: null for taskport's own runs. */
  requestedBy: string | null;
  requestId: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  leaseExpiresAt: Date | null;
}

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;
const count = { type: 'integer', default: 0 } as const;

export const SyncRunSchema = new EntitySchema<SyncRunRecord>({
  name: 'SyncRunRecord',
  tableName: 'sync_runs',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'text' },
    connectionId: { type: 'uuid' },
    trigger: triggerColumn,
    mode: modeColumn,
    status: runStatusColumn,
    attempt: { type: 'integer', default: 1 },
    pages: count,
    issuesProcessed: { type: 'integer' },
    createdCount: { type: 'integer' },
    updatedCount: { type: 'integer' },
    unchangedCount: { type: 'integer' },
    skippedCount: { type: 'integer' },
    quarantinedCount: count,
    quarantine: { type: 'json', columnType: 'jsonb', nullable: true },
    deletedCount: count,
    outOfScopeCount: count,
    backInScopeCount: count,
    error: { type: 'text', nullable: true },
    failureCode: { type: 'text', nullable: true },
    failureDetails: { type: 'json', nullable: true },
    cancelRequested: { type: 'boolean', default: false },
    requestedBy: { type: 'text', nullable: true },
    requestId: { type: 'text', nullable: true },
    queuedAt: timestamp,
    startedAt: { ...timestamp, nullable: true },
    finishedAt: { ...timestamp, nullable: true },
    leaseExpiresAt: { ...timestamp, nullable: true },
  },
  indexes: [
    {
      name: 'sync_runs_connection_idx',
      expression: 'create index sync_runs_connection_idx on sync_runs (organization_id, connection_id, queued_at desc, id desc)',
    },
    {
      name: 'sync_runs_one_open_per_connection',
      expression: "create unique index sync_runs_one_open_per_connection on sync_runs (organization_id, connection_id) where status in ('queued', 'running')",
    },
    { name: 'sync_runs_lease_idx', expression: "create index sync_runs_lease_idx on sync_runs (lease_expires_at) where status = 'running'" },
  ],
});

export const ONE_OPEN_RUN_PER_CONNECTION = 'sync_runs_one_open_per_connection';
