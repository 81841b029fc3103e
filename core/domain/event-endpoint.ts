import type { Ciphertext } from './connection.js';
import type { EntityId, OrganizationId } from './ids.js';
import type { EventType } from './outbox-event.js';

/** How long a replaced signing secret still signs deliveries beside the new one. */
export const SIGNING_SECRET_GRACE_MS = 24 * 3_600_000;

export interface PreviousSigningSecret {
  readonly secret: Ciphertext;
  readonly validUntil: Date;
}

/**
 * Where an organization wants its events POSTed, signed with a secret only it and taskport know.
 * Disabled by taskport (with the reason) after a day of failed deliveries; enabling it again clears that.
 */
export interface EventEndpoint {
  readonly id: EntityId;
  readonly organizationId: OrganizationId;
  readonly url: string;
  readonly description: string | null;
  /** The types it receives; empty means every type. */
  readonly eventTypes: ReadonlyArray<EventType>;
  readonly enabled: boolean;
  readonly signingSecret: Ciphertext;
  readonly previousSigningSecret: PreviousSigningSecret | null;
  /** Since when every delivery to it has failed; null after a success. */
  readonly failingSince: Date | null;
  readonly disabledReason: string | null;
  readonly disabledAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const subscribesTo = (endpoint: Pick<EventEndpoint, 'eventTypes'>, type: EventType): boolean =>
  endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(type);

/** Binds an endpoint's signing secret to it: the ciphertext decrypts nowhere else. */
export const signingSecretContext = (organizationId: OrganizationId, endpointId: EntityId): string =>
  `taskport:event-endpoint:${organizationId}:${endpointId}:signingSecret`;

/** The only shape of an endpoint that leaves core: never its secret, except once, when it is made. */
export interface PublicEventEndpoint {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: ReadonlyArray<EventType>;
  readonly enabled: boolean;
  readonly failingSince: Date | null;
  readonly disabledReason: string | null;
  readonly disabledAt: Date | null;
  /** Until when the secret replaced by the last rotation still signs deliveries too. */
  readonly previousSecretValidUntil: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An endpoint as answered when its secret was just made: the one time the secret is shown. */
export interface EventEndpointWithSecret extends PublicEventEndpoint {
  readonly signingSecret: string;
}

export const toPublicEventEndpoint = (endpoint: EventEndpoint): PublicEventEndpoint => ({
  id: endpoint.id,
  url: endpoint.url,
  description: endpoint.description,
  eventTypes: endpoint.eventTypes,
  enabled: endpoint.enabled,
  failingSince: endpoint.failingSince,
  disabledReason: endpoint.disabledReason,
  disabledAt: endpoint.disabledAt,
  previousSecretValidUntil: endpoint.previousSigningSecret?.validUntil ?? null,
  createdAt: endpoint.createdAt,
  updatedAt: endpoint.updatedAt,
});
