import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AUDIT_ACTIONS, type AuditEntry, type Ciphertext, type EventEndpoint, type OutboxEvent } from '../../../core/index.js';
import { anId, anOrganization } from './ids.js';

const AT = new Date('2026-01-01T00:00:00.000Z');

/** An `external_task.updated` event of one task; ids sort in the order they are made. */
export const anOutboxEvent = (overrides: Partial<OutboxEvent> = {}): OutboxEvent => ({
  id: uuidv7(),
  organizationId: anOrganization(),
  type: 'external_task.updated',
  occurredAt: AT,
  cause: 'sync',
  taskId: anId(),
  connectionId: anId(),
  data: { task: { title: 'Fix the login' }, changedFields: ['title'] },
  ...overrides,
});

export const anEndpoint = (overrides: Partial<EventEndpoint> = {}): EventEndpoint => ({
  id: anId(),
  organizationId: anOrganization(),
  url: 'https://hooks.product.test/taskport',
  description: null,
  eventTypes: [],
  enabled: true,
  signingSecret: `cipher-of-${randomUUID()}` as Ciphertext,
  previousSigningSecret: null,
  failingSince: null,
  disabledReason: null,
  disabledAt: null,
  createdAt: AT,
  updatedAt: AT,
  ...overrides,
});

export const anAuditEntry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  targetType: AUDIT_ACTIONS[overrides.action ?? 'connection.created'],
  id: uuidv7(),
  organizationId: anOrganization(),
  occurredAt: AT,
  actor: 'user-1',
  action: 'connection.created',
  targetId: anId(),
  summary: { name: 'Acme' },
  requestId: 'req-1',
  ...overrides,
});
