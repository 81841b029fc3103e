import { randomUUID } from 'node:crypto';
import { asEntityId, asOrganizationId, type EntityId, type OrganizationId } from '../../../core/index.js';

export const anId = (): EntityId => asEntityId(randomUUID());
export const anOrganization = (): OrganizationId => asOrganizationId(`org-${randomUUID()}`);
