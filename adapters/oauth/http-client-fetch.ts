import * as E from 'fp-ts/lib/Either.js';
import type { HttpClient, HttpRequest, NetFailure, SendOptions } from '../net/index.js';

/** A request that never got an HTTP answer (refused by the network guard, timed out, unreachable). */
export class NetFailureError extends Error {
  constructor(readonly failure: NetFailure) {
    super(`network failure: ${failure.kind}`);
  }
}

// What oauth4webapi reads from a response besides status and body.
const KEPT_HEADERS = ['content-type', 'www-authenticate', 'retry-after', 'cache-control'];
const NO_BODY = new Set([204, 205, 304]);

interface FetchInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/**
 * A `fetch` for oauth4webapi's `customFetch` that goes through taskport's HTTP client, so the
 * authorization server is reached under the same network guard, timeout and retry policy as the
 * trackers. A token request is not idempotent (codes and rotating refresh tokens are single-use): it
 * is sent again only when the server said it did not process it (429, 503).
 */
export const httpClientFetch =
  (http: HttpClient, send: SendOptions) =>
  async (url: string, init: FetchInit): Promise<Response> => {
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    const request: HttpRequest = {
      method: init.method as HttpRequest['method'],
      url: new URL(url),
      headers: init.headers,
      ...(body === undefined ? {} : { body }),
    };
    const outcome = await http.send(request, send);
    if (E.isLeft(outcome)) throw new NetFailureError(outcome.left);
    const answer = outcome.right;
    const headers = new Headers();
    KEPT_HEADERS.forEach((name) => {
      const value = answer.header(name);
      if (value !== null) headers.set(name, value);
    });
    return new Response(NO_BODY.has(answer.status) ? null : answer.body, { status: answer.status, headers });
  };
