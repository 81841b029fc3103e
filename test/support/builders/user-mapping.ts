import type { ExternalUserMapping } from '../../../core/index.js';
import { anId, anOrganization } from './ids.js';

export const aUserMapping = (overrides: Partial<ExternalUserMapping> = {}): ExternalUserMapping => ({
  id: anId(),
  organizationId: anOrganization(),
  externalSystem: 'tracker',
  externalEmail: 'ann@acme.test',
  externalUserId: 'acc-ann',
  resourceId: anId(),
  createdAt: new Date('2026-02-01T10:00:00.000Z'),
  ...overrides,
});
