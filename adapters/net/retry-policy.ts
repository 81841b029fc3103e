export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A longer Retry-After is not waited out: the caller gets the answer and reschedules. */
  readonly maxRetryAfterMs: number;
  /**
   * The first step of the backoff after a 429 that says nothing about when to come back. Rate
   * limits reset over seconds to minutes, so these steps are far longer than a failure's.
   */
  readonly rateLimitBaseDelayMs: number;
  readonly rateLimitMaxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  rateLimitBaseDelayMs: 10_000,
  rateLimitMaxDelayMs: 5 * 60_000,
};

/**
 * Exponential backoff with "equal jitter": half the step is fixed so retries never bunch up at zero,
 * the other half is random so many clients that failed together do not retry together.
 */
export const backoffDelayMs = (failedAttempts: number, policy: RetryPolicy, random: () => number): number => {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(step / 2 + random() * (step / 2));
};

/** The backoff after a silent 429: 5-10 s, 10-20 s, 20-40 s... up to 2.5-5 min (equal jitter, defaults). */
export const rateLimitBackoffMs = (failedAttempts: number, policy: RetryPolicy, random: () => number): number =>
  backoffDelayMs(failedAttempts, { ...policy, baseDelayMs: policy.rateLimitBaseDelayMs, maxDelayMs: policy.rateLimitMaxDelayMs }, random);

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP-date; null when absent or unreadable. */
export const parseRetryAfterMs = (value: string | null, nowMs: number): number | null => {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
};
