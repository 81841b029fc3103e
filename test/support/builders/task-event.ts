import type { ExternalTaskEvent } from '../../../core/index.js';
import { anId, anOrganization } from './ids.js';

export const aTaskEvent = (overrides: Partial<ExternalTaskEvent> = {}): ExternalTaskEvent => {
  const connectionId = overrides.connectionId ?? anId();
  const externalId = overrides.externalId ?? anId();
  return {
    idempotencyKey: `poll:tracker:acme.tracker.test:${externalId}:2026-01-15T09:30:00.000Z`,
    organizationId: anOrganization(),
    connectionId,
    externalId,
    kind: 'poll',
    processedAt: new Date('2026-02-01T10:00:00.000Z'),
    ...overrides,
  };
};
