import { EntitySchema } from '@mikro-orm/postgresql';
import type { ExternalSystem } from '../../../core/index.js';
import { providerColumn } from './enum-columns.js';

/** A row of `external_user_mappings`. */
export interface UserMappingRecord {
  id: string;
  organizationId: string;
  externalSystem: ExternalSystem;
  externalEmail: string;
  externalUserId: string | null;
  resourceId: string;
  createdAt: Date;
}

export const USER_MAPPING_EMAIL_UNIQUE = 'external_user_mappings_org_system_email_unique';

export const UserMappingSchema = new EntitySchema<UserMappingRecord>({
  name: 'UserMappingRecord',
  tableName: 'external_user_mappings',
  properties: {
    id: { type: 'uuid', primary: true },
    organizationId: { type: 'text' },
    externalSystem: providerColumn,
    externalEmail: { type: 'text' },
    externalUserId: { type: 'text', nullable: true },
    resourceId: { type: 'text' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
  },
  uniques: [{ name: USER_MAPPING_EMAIL_UNIQUE, properties: ['organizationId', 'externalSystem', 'externalEmail'] }],
  indexes: [{ name: 'external_user_mappings_user_id_idx', properties: ['organizationId', 'externalSystem', 'externalUserId'] }],
});
