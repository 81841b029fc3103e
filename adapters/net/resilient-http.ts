import * as E from 'fp-ts/lib/Either.js';
import { connectionThrottle } from './connection-throttle.js';
import { guardedAgents, type ResolveAll } from './guarded-lookup.js';
import { exchangeOnce, type HttpRequest, type HttpResponse } from './http-exchange.js';
import { warnIfPrivateNetworkAllowed, type WarnLogger } from './logger.js';
import { isTransient, type NetFailure } from './net-failure.js';
import { backoffDelayMs, defaultRetryPolicy, parseRetryAfterMs, type RetryPolicy } from './retry-policy.js';
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
  /**
   * How long a 429 or 503 asks to wait, in ms from `nowMs`: `Retry-After` by default. For trackers
   * that also say it their own way (a rate-limit reset instant), read before every retry and pause.
   */
  readonly retryAfter?: (response: HttpResponse, nowMs: number) => number | null;
}

export interface SendOptions {
  /** Throttling key: one lane per tenant connection. */
  readonly connectionKey: string;
  readonly maxAttempts?: number;
  /** Whether a request that may have reached the server can be sent again (reads can). */
  readonly idempotent: boolean;
  /**
   * The budget this request draws from (a tracker instance, a connection): every attempt takes from
   * it, and a Retry-After it is told with a 429 or 503 pauses the key for everyone sharing the budget.
   */
  readonly budget?: { readonly key: string; readonly policy: BudgetPolicy };
}

export type HttpOutcome = E.Either<NetFailure, HttpResponse>;

export interface HttpClient {
  readonly send: (request: HttpRequest, options: SendOptions) => Promise<HttpOutcome>;
  readonly retryAfterMs: (response: HttpResponse) => number | null;
  readonly close: () => void;
}

const standardRetryAfter = (response: HttpResponse, nowMs: number) => parseRetryAfterMs(response.header('retry-after'), nowMs);

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const isRetryableServerError = (status: number) => status >= 500 && status !== 501 && status !== 505;

/**
 * HTTP for provider adapters: the SSRF guard on every request, a per-attempt timeout, retries with
 * Retry-After or backoff and jitter, and a per-connection throttle. Answers the last response or
 * failure; deciding what a status means is the adapter's job.
 */
export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  warnIfPrivateNetworkAllowed(options.logger, options.allowPrivateNetwork, 'http-client');
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const agents = guardedAgents(options.allowPrivateNetwork, options.resolve);
  const exchange = exchangeOnce({ agents, timeoutMs: options.timeoutMs ?? 30_000, maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024 });
  const throttle = connectionThrottle({ maxConcurrentPerConnection: options.maxConcurrentPerConnection ?? 4 }, { now, sleep });
  const retryAfterMs = (response: HttpResponse) => (options.retryAfter ?? standardRetryAfter)(response, now());
  const budget = options.budget ?? localRequestBudget({ now, sleep });

  /** Tells everyone sharing the budget to wait as long as this server asked. */
  const pauseShared = async (outcome: HttpOutcome, sendOptions: SendOptions) => {
    if (sendOptions.budget === undefined || E.isLeft(outcome) || (outcome.right.status !== 429 && outcome.right.status !== 503)) return;
    const asked = retryAfterMs(outcome.right);
    if (asked !== null && asked > 0) await budget.pauseUntil(sendOptions.budget.key, new Date(now() + asked));
  };

  /** How long to wait before the next attempt, or null to answer this outcome. */
  const waitBeforeRetry = (outcome: HttpOutcome, attempt: number, send: SendOptions): number | null => {
    if (attempt >= (send.maxAttempts ?? policy.maxAttempts)) return null;
    const backoff = backoffDelayMs(attempt, policy, random);
    if (E.isLeft(outcome)) return send.idempotent && isTransient(outcome.left) ? backoff : null;
    const { status } = outcome.right;
    if (status === 429 || status === 503) {
      // The server did not process the request, so even a non-idempotent one may be sent again.
      const asked = retryAfterMs(outcome.right);
      if (asked === null) return backoff;
      return asked <= policy.maxRetryAfterMs ? asked : null;
    }
    return send.idempotent && isRetryableServerError(status) ? backoff : null;
  };

  const send = async (request: HttpRequest, sendOptions: SendOptions): Promise<HttpOutcome> => {
    const refusal = urlRefusal(request.url, options.allowPrivateNetwork);
    if (refusal !== null) return E.left({ kind: 'blocked', host: request.url.host, reason: refusal });
    for (let attempt = 1; ; attempt += 1) {
      if (sendOptions.budget !== undefined) await budget.take(sendOptions.budget.key, sendOptions.budget.policy);
      const release = await throttle.acquire(sendOptions.connectionKey);
      const outcome = await exchange(request);
      await pauseShared(outcome, sendOptions);
      const wait = waitBeforeRetry(outcome, attempt, sendOptions);
      if (wait !== null) throttle.pause(sendOptions.connectionKey, wait);
      release();
      if (wait === null) return outcome;
    }
  };

  return { send, retryAfterMs, close: agents.destroy };
};
