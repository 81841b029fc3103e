/** A token bucket: up to `capacity` requests at once, refilled at `refillPerSecond`. */
export interface BudgetPolicy {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** 1,000 requests an hour, in bursts of up to 50. */
export const perHour = (requests: number, burst = Math.min(50, requests)): BudgetPolicy => ({ capacity: burst, refillPerSecond: requests / 3600 });

/**
 * How many requests may go to one tracker (or one connection) over time, shared by whoever holds the
 * same key: in one process (`localRequestBudget`) or across every process on one database
 * (`postgresRequestBudget`). A wait is never a failure: `take` answers when a request may go.
 */
export interface RequestBudget {
  /** Takes one request from `key`'s bucket, waiting while it is empty or `key` is paused. */
  readonly take: (key: string, policy: BudgetPolicy) => Promise<void>;
  /** Everyone waits for `key` until `until`: a Retry-After or rate-limit reset one of them was told. */
  readonly pauseUntil: (key: string, until: Date) => Promise<void>;
}

/** How long before a request may go, or 0 now; shared by the budgets' implementations. */
export const waitMs = (available: number, policy: BudgetPolicy, pausedForMs: number): number => {
  const forTokens = available >= 1 ? 0 : Math.ceil(((1 - available) / policy.refillPerSecond) * 1000);
  return Math.max(forTokens, pausedForMs, 0);
};

interface Bucket {
  tokens: number;
  refilledAt: number;
  pausedUntil: number;
}

/** The budget of one process, for a single-process deployment and for tests. */
export const localRequestBudget = (clock: { now: () => number; sleep: (ms: number) => Promise<void> } = { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }): RequestBudget => {
  const buckets = new Map<string, Bucket>();
  const bucketOf = (key: string, policy: BudgetPolicy) => {
    const bucket = buckets.get(key) ?? { tokens: policy.capacity, refilledAt: clock.now(), pausedUntil: 0 };
    buckets.set(key, bucket);
    const now = clock.now();
    bucket.tokens = Math.min(policy.capacity, bucket.tokens + ((now - bucket.refilledAt) / 1000) * policy.refillPerSecond);
    bucket.refilledAt = now;
    return bucket;
  };
  return {
    take: async (key, policy) => {
      for (;;) {
        const bucket = bucketOf(key, policy);
        const wait = waitMs(bucket.tokens, policy, bucket.pausedUntil - clock.now());
        if (wait === 0) {
          bucket.tokens -= 1;
          return;
        }
        await clock.sleep(wait);
      }
    },
    pauseUntil: async (key, until) => {
      const bucket = buckets.get(key) ?? { tokens: Number.POSITIVE_INFINITY, refilledAt: clock.now(), pausedUntil: 0 };
      bucket.pausedUntil = Math.max(bucket.pausedUntil, until.getTime());
      buckets.set(key, bucket);
    },
  };
};
