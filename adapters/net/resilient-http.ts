import * as E from 'fp-ts/lib/Either.js';
import type { AttemptSignal, ConcurrencyGate } from './concurrency-gate.js';
import { connectionThrottle } from './connection-throttle.js';
import { guardedAgents, type ResolveAll } from './guarded-lookup.js';
import { exchangeOnce, responseWith, type HttpRequest, type HttpResponse } from './http-exchange.js';
import { warnIfPrivateNetworkAllowed, type WarnLogger } from './logger.js';
import { isTransient, type NetFailure } from './net-failure.js';
import { STANDARD_RATE_LIMIT_HEADERS, waitHintMs, type RateLimitHeaders } from './rate-limit-hints.js';
import { followingRedirects, type RedirectRule } from './redirects.js';
import { backoffDelayMs, defaultRetryPolicy, rateLimitBackoffMs, type RetryPolicy } from './retry-policy.js';
import { refusalScope, STANDARD_REFUSAL_SCOPES, type RefusalScope, type RefusalScopes } from './refusal-scope.js';
import { localRequestBudget, type BudgetPolicy, type RequestBudget } from './request-budget.js';
import { urlRefusal } from './url-target.js';

export interface HttpClientOptions {
  /** TASKPORT_ALLOW_PRIVATE_NETWORK: http plus loopback and private addresses, for local development. */
  readonly allowPrivateNetwork: boolean;
  readonly logger?: WarnLogger;
  /** Per attempt, body included. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly maxConcurrentPerConnection?: number;
  readonly maxBodyBytes?: number;
  /** Every wait (Retry-After, backoff) goes through this, so tests can make them instant. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  /** DNS resolution, replaceable in tests; the guard runs on whatever it answers. */
  readonly resolve?: ResolveAll;
  /** Shared request budgets (see `SendOptions.budget`); one of this process alone by default. */
  readonly budget?: RequestBudget;
  /** Headers besides Retry-After that say when a rate limit resets (a tracker's facts); common ones by default. */
  readonly rateLimitHeaders?: RateLimitHeaders;
  /** Which refusals pause the whole site and which only the request refused (a tracker's facts); common ones by default. */
  readonly refusalScopes?: RefusalScopes;
  /** The redirects this client may follow, each target checked by the network guard; none by default. */
  readonly followRedirect?: RedirectRule;
  /** Told of every attempt's outcome and time, for metrics; it must not throw. */
  readonly onExchange?: ExchangeObserver;
  /** Requests in flight per site (`SendOptions.site`), learning from every attempt; none by default. */
  readonly siteConcurrency?: ConcurrencyGate;
}

/** One attempt as measured: the status answered (null: no answer) and how long it took. */
export type ExchangeObserver = (exchange: { readonly status: number | null; readonly durationMs: number }) => void;

export interface SendOptions {
  /** Throttling key: one lane per tenant connection. */
  readonly connectionKey: string;
  readonly maxAttempts?: number;
  /** Whether a request that may have reached the server can be sent again (reads can). */
  readonly idempotent: boolean;
  /**
   * The budget this request draws from (a tracker instance, a connection): every attempt takes from
   * it, and a refusal of the whole site (see `RefusalScopes`) pauses the key for everyone sharing it.
   */
  readonly budget?: { readonly key: string; readonly policy: BudgetPolicy };
  /** The site this request goes to, for the client's `siteConcurrency` gate: every attempt holds one of its slots. */
  readonly site?: string;
}

export type HttpOutcome = E.Either<NetFailure, HttpResponse>;

export interface HttpClient {
  readonly send: (request: HttpRequest, options: SendOptions) => Promise<HttpOutcome>;
  /** How long to wait before asking again after this answer: the client's advice on a 429 or 503 it gave up on, else the server's word. */
  readonly retryAfterMs: (response: HttpResponse) => number | null;
  readonly close: () => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const isRetryableServerError = (status: number) => status >= 500 && status !== 501 && status !== 505;

/** A 429 or 503: the server did not process the request and says (or should say) when to come back. */
const isRefusal = (outcome: HttpOutcome): outcome is E.Right<HttpResponse> => E.isRight(outcome) && (outcome.right.status === 429 || outcome.right.status === 503);

/** How a refused attempt is waited out: how long, and by whom. */
interface Refusal {
  readonly waitMs: number;
  readonly scope: RefusalScope;
}

const signalOf = (outcome: HttpOutcome, latencyMs: number, refusal: Refusal | null): AttemptSignal => ({
  refused: isRefusal(outcome),
  failed: E.isLeft(outcome),
  latencyMs,
  ...(refusal === null ? {} : { retryAfterMs: refusal.waitMs }),
});

/**
 * HTTP for provider adapters: the SSRF guard on every request (and every redirect it may follow), a
 * per-attempt timeout, retries with the server's word on when to come back or backoff and jitter, and
 * a per-connection throttle. A refused request is never sent again before the wait it was told; it
 * waits alone, holding no slot, unless the refusal is the whole site's (a quota: then the connection
 * and, through the budget, every process pause). Answers the last response or failure; deciding what
 * a status means is the adapter's job.
 */
export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  warnIfPrivateNetworkAllowed(options.logger, options.allowPrivateNetwork, 'http-client');
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const agents = guardedAgents(options.allowPrivateNetwork, options.resolve);
  const once = exchangeOnce({ agents, timeoutMs: options.timeoutMs ?? 30_000, maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024 });
  const exchange = followingRedirects(once, options.followRedirect, options.allowPrivateNetwork);
  const throttle = connectionThrottle({ maxConcurrentPerConnection: options.maxConcurrentPerConnection ?? 4 }, { now, sleep });
  const hintMs = (response: HttpResponse) => waitHintMs(response, options.rateLimitHeaders ?? STANDARD_RATE_LIMIT_HEADERS, now());
  const retryAfterMs = (response: HttpResponse) => response.advisedWaitMs ?? hintMs(response);
  const budget = options.budget ?? localRequestBudget({ now, sleep });

  /**
   * How long a 429 or 503 asks to wait: the server's word; a short pause when it says "now" (never a
   * tight loop); else a backoff, in minutes for a rate limit, which outlasts seconds. And who waits.
   */
  const refusalOf = (response: HttpResponse, attempt: number): Refusal => {
    const asked = hintMs(response);
    const waitMs =
      asked !== null && asked > 0 ? asked : asked === null && response.status === 429 ? rateLimitBackoffMs(attempt, policy, random) : backoffDelayMs(attempt, policy, random);
    return { waitMs, scope: refusalScope(response, waitMs, asked, options.refusalScopes ?? STANDARD_REFUSAL_SCOPES) };
  };

  /** How long to wait before the next attempt, or null to answer this outcome. */
  const waitBeforeRetry = (outcome: HttpOutcome, attempt: number, send: SendOptions, refusalWait: number | null): number | null => {
    if (attempt >= (send.maxAttempts ?? policy.maxAttempts)) return null;
    if (E.isLeft(outcome)) return send.idempotent && isTransient(outcome.left) ? backoffDelayMs(attempt, policy, random) : null;
    // The server did not process a refused request, so even a non-idempotent one may be sent again.
    if (refusalWait !== null) return refusalWait <= policy.maxRetryAfterMs ? refusalWait : null;
    return send.idempotent && isRetryableServerError(outcome.right.status) ? backoffDelayMs(attempt, policy, random) : null;
  };

  const send = async (request: HttpRequest, sendOptions: SendOptions): Promise<HttpOutcome> => {
    const blocked = urlRefusal(request.url, options.allowPrivateNetwork);
    if (blocked !== null) return E.left({ kind: 'blocked', host: request.url.host, reason: blocked });
    for (let attempt = 1; ; attempt += 1) {
      // The site's slot first: a request waiting for one has not taken from the budget yet.
      const gate = sendOptions.site === undefined || options.siteConcurrency === undefined ? null : await options.siteConcurrency.acquire(sendOptions.site);
      if (sendOptions.budget !== undefined) await budget.take(sendOptions.budget.key, sendOptions.budget.policy);
      const release = await throttle.acquire(sendOptions.connectionKey);
      const sentAt = now();
      const outcome = await exchange(request);
      const elapsedMs = now() - sentAt;
      options.onExchange?.({ status: E.isRight(outcome) ? outcome.right.status : null, durationMs: elapsedMs });
      const refusal = isRefusal(outcome) ? refusalOf(outcome.right, attempt) : null;
      gate?.(signalOf(outcome, elapsedMs, refusal));
      const siteWide = refusal?.scope === 'site';
      // Everyone sharing the budget waits as long as this server asked, or as this client backs off.
      if (siteWide && sendOptions.budget !== undefined) await budget.pauseUntil(sendOptions.budget.key, new Date(now() + refusal.waitMs));
      const wait = waitBeforeRetry(outcome, attempt, sendOptions, refusal?.waitMs ?? null);
      // A site-wide refusal holds the connection's lane; any other wait is this request's alone, sat out with no slot held.
      if (wait !== null && (siteWide || refusal === null)) throttle.pause(sendOptions.connectionKey, wait);
      release();
      if (wait === null) return refusal === null || E.isLeft(outcome) ? outcome : E.right(responseWith(outcome.right, { advisedWaitMs: refusal.waitMs }));
      if (!siteWide && refusal !== null) await sleep(wait);
    }
  };

  return { send, retryAfterMs, close: agents.destroy };
};
