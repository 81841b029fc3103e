import { EntitySchema } from '@mikro-orm/postgresql';
import type { SyncMode, SyncRunStatus, SyncTrigger } from '../../../core/index.js';
import { modeColumn, runStatusColumn, triggerColumn } from './enum-columns.js';

/** A row of `sync_runs`: the history of one sync. */
export interface SyncRunRecord {
  id: string;
  organizationId: string;
  connectionId: string;
  trigger: SyncTrigger;
  mode: SyncMode;
  status: SyncRunStatus;
  issuesProcessed: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  skippedCount: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

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
    issuesProcessed: { type: 'integer' },
    createdCount: { type: 'integer' },
    updatedCount: { type: 'integer' },
    unchangedCount: { type: 'integer' },
    skippedCount: { type: 'integer' },
    error: { type: 'text', nullable: true },
    startedAt: { type: 'Date', columnType: 'timestamptz' },
    finishedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
  indexes: [
    {
      name: 'sync_runs_connection_idx',
      expression: 'create index sync_runs_connection_idx on sync_runs (organization_id, connection_id, started_at desc, id desc)',
    },
  ],
});
