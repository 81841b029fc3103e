import type { OrganizationId, UserMappingId } from './ids.js';
import type { ExternalSystem } from './provider.js';

/** Links a person in an external tracker to a resource of the product. */
export interface ExternalUserMapping {
  readonly id: UserMappingId;
  readonly organizationId: OrganizationId;
  readonly externalSystem: ExternalSystem;
  /** Always lower-case, so lookups by e-mail are case-insensitive. */
  readonly externalEmail: string;
  readonly externalUserId: string | null;
  readonly resourceId: string;
  readonly createdAt: Date;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
