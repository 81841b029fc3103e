import type { ConnectionId, OrganizationId } from './ids.js';
import type { ProviderName } from './provider.js';

export type TaskEventKind = 'poll' | 'webhook';

/** The idempotency record: an item version (or delivery) that was already processed. Keys are unique per organization. */
export interface ExternalTaskEvent {
  readonly idempotencyKey: string;
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly externalId: string;
  readonly kind: TaskEventKind;
  readonly processedAt: Date;
}

/** Where events come from: a tracker instance, whichever connection reaches it. */
export interface EventScope {
  readonly provider: ProviderName;
  readonly site: string;
}

/**
 * One version of one item of one tracker instance: the same version seen twice is processed once,
 * even through a connection made again to the same site.
 */
export const pollIdempotencyKey = (scope: EventScope, externalId: string, version: string): string =>
  `poll:${scope.provider}:${scope.site}:${externalId}:${version}`;

/** One webhook delivery from one tracker instance: the provider's retries of it are processed once. */
export const webhookIdempotencyKey = (scope: EventScope, deliveryId: string): string => `webhook:${scope.provider}:${scope.site}:${deliveryId}`;
