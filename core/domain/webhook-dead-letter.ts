import type { ConnectionId } from './ids.js';
import type { ProviderName } from './provider.js';

/** How often a recorded webhook delivery is tried before it is set aside, and how long it waits between tries. */
export interface InboxRetryPolicy {
  /** Tries in all; the delivery that fails the last is dead-lettered. */
  readonly maxAttempts: number;
  /** The wait after the first failure; each later one doubles it. */
  readonly firstDelayMs: number;
}

/** Five tries over about seven and a half minutes: 30 s, 1, 2 and 4 min between them. */
export const DEFAULT_INBOX_RETRY: InboxRetryPolicy = { maxAttempts: 5, firstDelayMs: 30_000 };

const LONGEST_DELAY_MS = 3_600_000;

/** The wait after the `attempt`-th failed try: the first delay, doubling, an hour at most. */
export const inboxRetryDelayMs = (policy: InboxRetryPolicy, attempt: number): number =>
  Math.min(policy.firstDelayMs * 2 ** Math.max(0, attempt - 1), LONGEST_DELAY_MS);

/**
 * A delivery whose every try failed: no longer claimed, but kept whole (its body too), with the
 * reason of its last failure, until someone replays it after fixing the cause.
 */
export interface WebhookDeadLetter {
  readonly id: string;
  readonly connectionId: ConnectionId;
  readonly provider: ProviderName;
  /** The tracker's id of the delivery. */
  readonly deliveryId: string;
  readonly receivedAt: Date;
  readonly attempts: number;
  readonly reason: string;
  readonly deadLetteredAt: Date;
}
