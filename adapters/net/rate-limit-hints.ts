import type { HttpResponse } from './http-exchange.js';
import { parseRetryAfterMs } from './retry-policy.js';

/**
 * Where a server may say when to come back besides `Retry-After`, which many send only sometimes.
 * Header names are a tracker's facts; the forms are common ones.
 */
export interface RateLimitHeaders {
  /** The instant a limit resets: an ISO-8601 or HTTP date, epoch seconds, or seconds from now. */
  readonly resetAt: ReadonlyArray<string>;
  /**
   * IETF RateLimit structured fields, one item per policy (`"hourly";r=0;t=2107`): a policy with no
   * requests left (`r=0`) resets in `t` seconds.
   */
  readonly policies: ReadonlyArray<string>;
}

export const STANDARD_RATE_LIMIT_HEADERS: RateLimitHeaders = { resetAt: ['ratelimit-reset', 'x-ratelimit-reset'], policies: ['ratelimit'] };

/** Larger than any delta a server would send in seconds: a number this big is an epoch time. */
const EPOCH_SECONDS_FROM = 1_000_000_000;

const resetWaitMs = (value: string, nowMs: number): number | null => {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    return seconds >= EPOCH_SECONDS_FROM ? Math.max(0, seconds * 1000 - nowMs) : Math.round(seconds * 1000);
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
};

/** The seconds until reset of every exhausted policy in a RateLimit field, leniently: unreadable items are skipped. */
const exhaustedPolicyWaitsMs = (value: string): ReadonlyArray<number> =>
  value.split(',').flatMap((item) => {
    const params = new Map(
      item
        .split(';')
        .slice(1)
        .map((param) => param.split('=').map((part) => part.trim()) as [string, string | undefined]),
    );
    const remaining = Number(params.get('r'));
    const reset = Number(params.get('t'));
    return remaining === 0 && Number.isFinite(reset) && reset >= 0 ? [Math.round(reset * 1000)] : [];
  });

/**
 * How long the server asked to wait, in ms: `Retry-After` when given, else the latest reset any
 * other header names, else null (it said nothing). 0 means "now", which callers treat as a short pause.
 */
export const waitHintMs = (response: HttpResponse, headers: RateLimitHeaders, nowMs: number): number | null => {
  const retryAfter = parseRetryAfterMs(response.header('retry-after'), nowMs);
  if (retryAfter !== null) return retryAfter;
  const hints = [
    ...headers.resetAt.flatMap((name) => {
      const value = response.header(name);
      const wait = value === null ? null : resetWaitMs(value, nowMs);
      return wait === null ? [] : [wait];
    }),
    ...headers.policies.flatMap((name) => {
      const value = response.header(name);
      return value === null ? [] : exhaustedPolicyWaitsMs(value);
    }),
  ];
  return hints.length === 0 ? null : Math.max(...hints);
};
