import type { HttpResponse } from './http-exchange.js';

/**
 * Who must wait after a 429 or 503. `request`: the request refused waits its Retry-After alone
 * (a burst limit of one endpoint, an overloaded moment); the others go on, and the site's adaptive
 * limit slows them down. `site`: every request to the site waits, in every process (a quota of the
 * whole site or tenant, which any request would be refused by until it resets).
 */
export type RefusalScope = 'request' | 'site';

/** A header that says who a refusal is for: its value matching `matches` decides the scope. */
export interface RefusalRule {
  readonly header: string;
  readonly matches: RegExp;
  readonly scope: RefusalScope;
}

/** A tracker's facts on its refusals; where trackers differ, each gives its own. */
export interface RefusalScopes {
  /** A wait at least this long is a quota's (an hour, a day), not a burst's: the site pauses. */
  readonly siteWaitFromMs: number;
  /** Read in order, the first matching header decides; none matching, a short wait is the request's. */
  readonly rules: ReadonlyArray<RefusalRule>;
}

/** A RateLimit structured field with a policy that has no requests left (`"hourly";r=0;t=2107`). */
export const EXHAUSTED_POLICY = /;\s*r\s*=\s*0\s*(;|,|$)/;

/** A limit with nothing left (`X-RateLimit-Remaining: 0`, a RateLimit policy with `r=0`) is the whole site's. */
export const EXHAUSTED_LIMIT_RULES: ReadonlyArray<RefusalRule> = [
  { header: 'x-ratelimit-remaining', matches: /^\s*0\s*$/, scope: 'site' },
  { header: 'ratelimit', matches: EXHAUSTED_POLICY, scope: 'site' },
];

export const STANDARD_REFUSAL_SCOPES: RefusalScopes = { siteWaitFromMs: 10_000, rules: EXHAUSTED_LIMIT_RULES };

/**
 * The scope of a 429 or 503 that asks to wait `waitMs` (`hint`: what its headers said, null for
 * nothing). A 429 that says nothing of when to come back is taken for the site's, as is a long wait;
 * else the tracker's headers decide.
 */
export const refusalScope = (response: HttpResponse, waitMs: number, hint: number | null, scopes: RefusalScopes): RefusalScope => {
  if ((hint === null && response.status === 429) || waitMs >= scopes.siteWaitFromMs) return 'site';
  const rule = scopes.rules.find((candidate) => {
    const value = response.header(candidate.header);
    return value !== null && candidate.matches.test(value);
  });
  return rule?.scope ?? 'request';
};
