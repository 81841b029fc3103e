import { asEntityId, asOrganizationId, normalizeEmail, type ExternalUserMapping } from '../../../core/index.js';
import type { UserMappingRecord } from './user-mapping.schema.js';

/** E-mails are stored lower-case, which is what makes the unique constraint case-insensitive. */
export const toUserMappingRecord = (m: ExternalUserMapping): UserMappingRecord => ({ ...m, externalEmail: normalizeEmail(m.externalEmail) });

export const toUserMapping = (r: UserMappingRecord): ExternalUserMapping => ({
  ...r,
  id: asEntityId(r.id),
  organizationId: asOrganizationId(r.organizationId),
});
