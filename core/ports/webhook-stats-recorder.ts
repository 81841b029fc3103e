import type * as T from 'fp-ts/lib/Task.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';

export type WebhookDeliveryOutcome = 'accepted' | 'refused';

/**
 * Counts a connection's deliveries. Adapters may batch the writes, so the counts a connection shows
 * can lag by a moment; recording never fails a delivery.
 */
export interface WebhookStatsRecorder {
  readonly record: (organizationId: OrganizationId, connectionId: ConnectionId, outcome: WebhookDeliveryOutcome, at: Date) => T.Task<void>;
}
