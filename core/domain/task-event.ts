import type { ConnectionId, OrganizationId } from './ids.js';

export type TaskEventKind = 'poll' | 'webhook';

/** The idempotency record: an issue version (or delivery) that was already processed. */
export interface ExternalTaskEvent {
  readonly idempotencyKey: string;
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly externalId: string;
  readonly kind: TaskEventKind;
  readonly processedAt: Date;
}

/** One version of one issue of one connection: the same version seen twice is processed once. */
export const pollIdempotencyKey = (connectionId: ConnectionId, externalId: string, updatedAt: Date): string =>
  `poll:${connectionId}:${externalId}:${updatedAt.toISOString()}`;

/** One webhook delivery to one connection: the provider's retries of it are processed once. */
export const webhookIdempotencyKey = (connectionId: ConnectionId, deliveryId: string): string => `webhook:${connectionId}:${deliveryId}`;
