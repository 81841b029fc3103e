import { EntitySchema } from '@mikro-orm/postgresql';

/** A row of `quarantined_issues`: an item of a connection that a sync could not store, and why. */
export interface QuarantinedIssueRecord {
  organizationId: string;
  connectionId: string;
  externalId: string;
  key: string;
  version: string;
  reason: string;
  runId: string | null;
  firstQuarantinedAt: Date;
  quarantinedAt: Date;
}

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;

export const QuarantinedIssueSchema = new EntitySchema<QuarantinedIssueRecord>({
  name: 'QuarantinedIssueRecord',
  tableName: 'quarantined_issues',
  properties: {
    organizationId: { type: 'text', primary: true },
    connectionId: { type: 'uuid', primary: true },
    externalId: { type: 'text', primary: true },
    key: { type: 'text' },
    version: { type: 'text' },
    reason: { type: 'text' },
    runId: { type: 'uuid', nullable: true },
    firstQuarantinedAt: timestamp,
    quarantinedAt: timestamp,
  },
  indexes: [
    {
      name: 'quarantined_issues_latest_idx',
      expression: 'create index quarantined_issues_latest_idx on quarantined_issues (organization_id, connection_id, quarantined_at desc)',
    },
  ],
});
