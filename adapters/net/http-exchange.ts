import * as E from 'fp-ts/lib/Either.js';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { GuardedAgents } from './guarded-lookup.js';
import { ADDRESS_BLOCKED } from './guarded-lookup.js';
import { classifyThrown, type NetFailure } from './net-failure.js';
import { requestHeaders } from './request-headers.js';
import { bodyContent, BodyTooLarge, decodeBody, readRawBody, type BodyContent } from './response-body.js';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly header: (name: string) => string | null;
  /** The body as text (decoded from the bytes the first time it is read). */
  readonly body: string;
  /**
   * The body parsed as `JSON.parse(body)` would, throwing what it throws, without making a large
   * body one string first (see json-pieces.ts). It consumes the body: `body` read afterwards throws,
   * so read `body` first when both are needed (see response-body.ts for why). Answers made up in
   * tests may leave it out; read JSON with `bodyJson`, which falls back on `body`.
   */
  readonly json?: () => unknown;
  /** Where the answer came from when it is not the URL asked: a redirect the client was allowed to follow. */
  readonly redirectedTo?: URL;
  /** On a 429 or 503 the client gave up on: how long it advises waiting (the server's word, else its next backoff). */
  readonly advisedWaitMs?: number;
}

export interface ExchangeSettings {
  readonly agents: GuardedAgents;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

type Outcome = E.Either<NetFailure, HttpResponse>;

/** The answer's body as JSON: through `json` when the response has it (every real one), else by parsing `body`. */
export const bodyJson = (response: HttpResponse): unknown => (response.json === undefined ? JSON.parse(response.body) : response.json());

/**
 * The response with more fields (where a redirect led, the advised wait), keeping `body` a getter:
 * a spread would read it, decoding a large body to text that may never be needed.
 */
export const responseWith = (response: HttpResponse, more: Partial<Pick<HttpResponse, 'redirectedTo' | 'advisedWaitMs'>>): HttpResponse =>
  Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(response), ...Object.getOwnPropertyDescriptors(more) }) as HttpResponse;

const redirectOf = (incoming: IncomingMessage, url: URL): NetFailure | null => {
  const status = incoming.statusCode ?? 0;
  const location = incoming.headers.location;
  if (status < 300 || status >= 400 || location === undefined) return null;
  try {
    const target = new URL(location, url);
    return { kind: 'redirect', host: url.host, status, locationHost: target.host, location: target.href };
  } catch {
    return { kind: 'redirect', host: url.host, status, locationHost: location, location };
  }
};

/** A header by any case; repeated ones joined as fetch joins them. */
const headerOf =
  (incoming: IncomingMessage) =>
  (name: string): string | null =>
    incoming.headersDistinct[name.toLowerCase()]?.join(', ') ?? null;

const responseOf = (incoming: IncomingMessage, content: BodyContent): HttpResponse => ({
  status: incoming.statusCode ?? 0,
  header: headerOf(incoming),
  get body() {
    return content.text();
  },
  json: content.json,
});

/** How one attempt ends: with an outcome, or with a failure that also drops the connection. */
interface Attempt {
  readonly host: string;
  readonly settle: (outcome: Outcome) => void;
  readonly abandon: (failure: NetFailure) => void;
  readonly failed: (error: Error) => void;
}

/** An answer: a redirect is refused here (see redirects.ts), anything else read, decoded and handed on. */
const receive = (incoming: IncomingMessage, url: URL, limit: number, attempt: Attempt): void => {
  const redirect = redirectOf(incoming, url);
  if (redirect !== null) return attempt.abandon(redirect);
  incoming.on('error', attempt.failed);
  // A connection cut before the body's end is a reset, whatever the stream reports first.
  incoming.on('close', () => (incoming.complete ? undefined : attempt.abandon({ kind: 'network', host: attempt.host, code: 'ECONNRESET' })));
  readRawBody(incoming, limit, (readError, raw) => {
    if (readError !== null) return attempt.failed(readError);
    decodeBody(raw, incoming.headers['content-encoding'], limit, (decodeError, bytes) =>
      decodeError === null ? attempt.settle(E.right(responseOf(incoming, bodyContent(bytes)))) : attempt.failed(decodeError),
    );
  });
};

/**
 * One attempt on `node:http` (measured cheaper than node-fetch: no WHATWG streams, no Response): a
 * timeout that covers the body too (a server can hang after the headers), no redirects followed (see
 * redirects.ts), a cap on the body size, compressed answers decoded. Every connection is made by the
 * guarded agents, so the network guard checks the addresses really connected to. Never throws.
 */
export const exchangeOnce =
  (settings: ExchangeSettings) =>
  (request: HttpRequest): Promise<Outcome> =>
    new Promise<Outcome>((resolve) => {
      const host = request.url.host;
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      let outgoing: http.ClientRequest | null = null;
      let settled = false;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      /** Settles with the failure and drops the connection: what is left of this answer is never read. */
      const abandon = (failure: NetFailure) => {
        settle(E.left(failure));
        outgoing?.destroy();
      };
      const failed = (error: Error) =>
        abandon(error instanceof BodyTooLarge ? { kind: 'too-large', host, limitBytes: settings.maxBodyBytes } : classifyThrown(error, host, ADDRESS_BLOCKED));
      const timer = setTimeout(() => abandon({ kind: 'timeout', host, timeoutMs: settings.timeoutMs }), settings.timeoutMs);
      const transport = request.url.protocol === 'http:' ? http : https;
      try {
        outgoing = transport.request(request.url, { method: request.method, headers: requestHeaders(request.headers, body), agent: settings.agents.forUrl(request.url) });
      } catch (error) {
        // A request node:http will not send (a header with a line break) is a failure like any other.
        return failed(error as Error);
      }
      outgoing.on('response', (incoming: IncomingMessage) => receive(incoming, request.url, settings.maxBodyBytes, { host, settle, abandon, failed }));
      outgoing.on('error', failed);
      outgoing.end(body);
    });
