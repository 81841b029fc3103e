import type { Ciphertext } from './connection.js';
import type { PreviousSigningSecret } from './event-endpoint.js';
import type { EntityId, OrganizationId } from './ids.js';
import type { EventType } from './outbox-event.js';

/** A delivery keeps being retried this long after its first attempt; an endpoint failing this long is disabled. */
export const DELIVERY_RETRY_WINDOW_MS = 24 * 3_600_000;
const FIRST_RETRY_MS = 10_000;
const LONGEST_RETRY_MS = 3_600_000;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One try at POSTing an event: the answer's status (null when none came) or why it failed. */
export interface DeliveryAttempt {
  readonly at: Date;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** One event for one endpoint, with the body every attempt sends, byte for byte. */
export interface EventDelivery {
  readonly id: EntityId;
  readonly organizationId: OrganizationId;
  readonly endpointId: EntityId;
  readonly eventId: string;
  readonly eventType: EventType;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** The latest attempts, newest last (at most `KEPT_ATTEMPTS`). */
  readonly recentAttempts: ReadonlyArray<DeliveryAttempt>;
  readonly nextAttemptAt: Date | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

export const KEPT_ATTEMPTS = 20;

/** A due delivery leased to one deliverer, with what it needs to send it. */
export interface ClaimedEventDelivery {
  readonly id: EntityId;
  readonly organizationId: OrganizationId;
  readonly endpointId: EntityId;
  readonly eventId: string;
  readonly eventType: EventType;
  readonly body: string;
  /** Attempts made before this one. */
  readonly attempts: number;
  /** When its first attempt was made (null before it): retrying stops a day after. */
  readonly firstAttemptAt: Date | null;
  readonly endpoint: {
    readonly url: string;
    readonly signingSecret: Ciphertext;
    readonly previousSigningSecret: PreviousSigningSecret | null;
    readonly failingSince: Date | null;
  };
}

/** What an attempt leads to, decided by core so every adapter stores the same thing. */
export type AttemptOutcome =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retry'; readonly nextAttemptAt: Date }
  | { readonly kind: 'given-up' };

export interface AttemptRecord {
  readonly deliveryId: EntityId;
  readonly endpointId: EntityId;
  readonly attempt: DeliveryAttempt;
  readonly outcome: AttemptOutcome;
  /** Set when this failure ends a day of failures: the endpoint is switched off with this reason. */
  readonly disableEndpoint: string | null;
}

/** The wait after a failed attempt, given the attempts made before it: 10 s, 20 s, 40 s, ... doubling up to an hour. */
export const retryDelayMs = (attemptsBefore: number): number => Math.min(FIRST_RETRY_MS * 2 ** Math.min(attemptsBefore, 20), LONGEST_RETRY_MS);

/**
 * Delivered on a 2xx; otherwise retried with backoff for a day from the first attempt, the last
 * attempt made when the day is over (so a receiver down all day meets a whole day of failures).
 */
export const outcomeOf = (claimed: ClaimedEventDelivery, attempt: DeliveryAttempt): AttemptOutcome => {
  const ok = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
  if (ok) return { kind: 'delivered' };
  const deadline = (claimed.firstAttemptAt ?? attempt.at).getTime() + DELIVERY_RETRY_WINDOW_MS;
  if (attempt.at.getTime() >= deadline) return { kind: 'given-up' };
  return { kind: 'retry', nextAttemptAt: new Date(Math.min(attempt.at.getTime() + retryDelayMs(claimed.attempts), deadline)) };
};

/** The reason an endpoint is switched off, when this failure ends a day of nothing but failures. */
export const disablingReason = (claimed: ClaimedEventDelivery, attempt: DeliveryAttempt, outcome: AttemptOutcome): string | null => {
  const since = claimed.endpoint.failingSince;
  if (outcome.kind === 'delivered' || since === null || attempt.at.getTime() - since.getTime() < DELIVERY_RETRY_WINDOW_MS) return null;
  const last = attempt.statusCode === null ? (attempt.error ?? 'no answer') : `HTTP ${attempt.statusCode}`;
  return `Every delivery since ${since.toISOString()} failed (last: ${last}); enable the endpoint again once it answers 2xx`;
};
