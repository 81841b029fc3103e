import * as E from 'fp-ts/lib/Either.js';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { GuardedAgents } from './guarded-lookup.js';
import { ADDRESS_BLOCKED } from './guarded-lookup.js';
import { classifyThrown, type NetFailure } from './net-failure.js';
import { requestHeaders } from './request-headers.js';
import { BodyTooLarge, decodeBody, readRawBody } from './response-body.js';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly header: (name: string) => string | null;
  readonly body: string;
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
        outgoing.destroy();
      };
      const failed = (error: Error) =>
        error instanceof BodyTooLarge ? abandon({ kind: 'too-large', host, limitBytes: settings.maxBodyBytes }) : abandon(classifyThrown(error, host, ADDRESS_BLOCKED));
      const timer = setTimeout(() => abandon({ kind: 'timeout', host, timeoutMs: settings.timeoutMs }), settings.timeoutMs);
      const transport = request.url.protocol === 'http:' ? http : https;
      const outgoing = transport.request(request.url, { method: request.method, headers: requestHeaders(request.headers, body), agent: settings.agents.forUrl(request.url) }, (incoming) => {
        const redirect = redirectOf(incoming, request.url);
        if (redirect !== null) return abandon(redirect);
        // A connection cut before the body's end is a reset, whatever the stream reports first.
        incoming.on('error', failed);
        incoming.on('close', () => (incoming.complete ? undefined : abandon({ kind: 'network', host, code: 'ECONNRESET' })));
        readRawBody(incoming, settings.maxBodyBytes, (readError, raw) => {
          if (readError !== null) return failed(readError);
          decodeBody(raw, incoming.headers['content-encoding'], settings.maxBodyBytes, (decodeError, text) =>
            decodeError === null ? settle(E.right({ status: incoming.statusCode ?? 0, header: headerOf(incoming), body: text })) : failed(decodeError),
          );
        });
      });
      outgoing.on('error', failed);
      outgoing.end(body);
    });
