import { EntitySchema } from '@mikro-orm/postgresql';
import type { TaskEventKind } from '../../../core/index.js';
import { eventKindColumn } from './enum-columns.js';

/** A row of `external_task_events`: one processed issue version (or webhook delivery). */
export interface TaskEventRecord {
  id: string;
  idempotencyKey: string;
  organizationId: string;
  connectionId: string;
  externalId: string;
  kind: TaskEventKind;
  processedAt: Date;
}

export const TaskEventSchema = new EntitySchema<TaskEventRecord>({
  name: 'TaskEventRecord',
  tableName: 'external_task_events',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    idempotencyKey: { type: 'text' },
    organizationId: { type: 'text' },
    connectionId: { type: 'uuid' },
    externalId: { type: 'text' },
    kind: eventKindColumn,
    processedAt: { type: 'Date', columnType: 'timestamptz' },
  },
  uniques: [{ name: 'external_task_events_org_key_unique', properties: ['organizationId', 'idempotencyKey'] }],
  indexes: [{ name: 'external_task_events_processed_idx', properties: ['processedAt'] }],
});
