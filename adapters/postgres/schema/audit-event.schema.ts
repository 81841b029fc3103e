import { EntitySchema } from '@mikro-orm/postgresql';

const index = (name: string, expression: string) => ({ name, expression: `create index ${name} on ${expression}` });

/** A row of `audit_events`; a trigger refuses any update or delete of one. */
export interface AuditEventRecord {
  id: string;
  organizationId: string;
  occurredAt: Date;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  summary: unknown;
  requestId: string | null;
}

export const AuditEventSchema = new EntitySchema<AuditEventRecord>({
  name: 'AuditEventRecord',
  tableName: 'audit_events',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'text' },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
    actor: { type: 'text' },
    action: { type: 'text' },
    targetType: { type: 'text' },
    targetId: { type: 'text' },
    summary: { type: 'json', columnType: 'jsonb' },
    requestId: { type: 'text', nullable: true },
  },
  indexes: [
    index('audit_events_list_idx', 'audit_events (organization_id, occurred_at desc, id desc)'),
    index('audit_events_target_idx', 'audit_events (organization_id, target_id, occurred_at desc, id desc)'),
  ],
});
