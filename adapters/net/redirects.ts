import * as E from 'fp-ts/lib/Either.js';
import { responseWith, type HttpRequest, type HttpResponse } from './http-exchange.js';
import type { NetFailure } from './net-failure.js';
import { urlRefusal } from './url-target.js';

/** Whether a redirect from one URL to another may be followed (a provider's own rule, such as a renamed site). */
export type RedirectRule = (from: URL, to: URL) => boolean;

type Exchange = (request: HttpRequest) => Promise<E.Either<NetFailure, HttpResponse>>;

/** A chain longer than this is a loop or a misconfiguration, never a moved site. */
const MAX_HOPS = 3;

const targetOf = (failure: NetFailure): URL | null => {
  if (failure.kind !== 'redirect') return null;
  try {
    return new URL(failure.location);
  } catch {
    return null;
  }
};

/**
 * An exchange that follows the redirects `allowed` permits, sending the same request (method, body,
 * headers: the rule vouches for the target) to the new URL. Each target passes the network guard
 * like the first URL (its scheme and host here, its addresses when the connection is made), and the
 * answer names where it came from. Without a rule, nothing is followed.
 */
export const followingRedirects =
  (exchange: Exchange, allowed: RedirectRule | undefined, allowPrivateNetwork: boolean): Exchange =>
  async (request) => {
    let current = request;
    for (let hop = 0; ; hop += 1) {
      const outcome = await exchange(current);
      if (E.isRight(outcome)) return current === request ? outcome : E.right(responseWith(outcome.right, { redirectedTo: current.url }));
      const target = targetOf(outcome.left);
      if (allowed === undefined || target === null || hop >= MAX_HOPS || !allowed(current.url, target)) return outcome;
      const refusal = urlRefusal(target, allowPrivateNetwork);
      if (refusal !== null) return E.left({ kind: 'blocked', host: target.host, reason: refusal });
      current = { ...current, url: target };
    }
  };
