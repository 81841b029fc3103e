import { EntitySchema } from '@mikro-orm/postgresql';
import { writeKindColumn, writeStatusColumn } from './enum-columns.js';

/**
 * `task_writes` as the ORM knows it, so the schema check covers it; the repository itself reads and
 * writes it with plain statements (`postgres-write-repository.ts`, rows decoded by `write-row.ts`).
 */
export interface WriteRecord {
  id: string;
  organizationId: string;
  connectionId: string;
  kind: string;
  request: unknown;
  idempotencyKey: string | null;
  requestDigest: string;
  status: string;
  attempts: number;
  result: unknown;
  failure: unknown;
  failureCode: string | null;
  requestedBy: string;
  requestId: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;

export const WriteSchema = new EntitySchema<WriteRecord>({
  name: 'WriteRecord',
  tableName: 'task_writes',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'text' },
    connectionId: { type: 'uuid' },
    kind: writeKindColumn,
    request: { type: 'json', columnType: 'jsonb' },
    idempotencyKey: { type: 'text', nullable: true },
    requestDigest: { type: 'text' },
    status: writeStatusColumn,
    attempts: { type: 'integer', default: 0 },
    result: { type: 'json', columnType: 'jsonb', nullable: true },
    failure: { type: 'json', columnType: 'jsonb', nullable: true },
    failureCode: { type: 'text', nullable: true },
    requestedBy: { type: 'text' },
    requestId: { type: 'text', nullable: true },
    createdAt: timestamp,
    updatedAt: timestamp,
    finishedAt: { ...timestamp, nullable: true },
  },
  uniques: [{ name: 'task_writes_idempotency_key_unique', properties: ['organizationId', 'idempotencyKey'] }],
  indexes: [
    {
      name: 'task_writes_auth_failures',
      expression: "create index task_writes_auth_failures on task_writes (organization_id, connection_id, finished_at) where failure_code = 'write/auth'",
    },
    {
      name: 'task_writes_running',
      expression: "create index task_writes_running on task_writes (organization_id, connection_id, updated_at) where status = 'running'",
    },
  ],
});
