import * as E from 'fp-ts/lib/Either.js';
import fetch, { type Response } from 'node-fetch';
import type { GuardedAgents } from './guarded-lookup.js';
import { ADDRESS_BLOCKED } from './guarded-lookup.js';
import { classifyThrown, type NetFailure } from './net-failure.js';

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

class BodyTooLarge extends Error {}

const readLimited = async (response: Response, limit: number, abort: () => void): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) {
      abort();
      throw new BodyTooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const redirectTarget = (response: Response, url: URL): { readonly location: string; readonly host: string } | null => {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || location === null) return null;
  try {
    const target = new URL(location, url);
    return { location: target.href, host: target.host };
  } catch {
    return { location, host: location };
  }
};

/**
 * One attempt: a timeout that covers the body too (a server can hang after the headers), no
 * redirects followed (see redirects.ts), and a cap on the body size. Never throws.
 */
export const exchangeOnce =
  (settings: ExchangeSettings) =>
  async (request: HttpRequest): Promise<E.Either<NetFailure, HttpResponse>> => {
    const host = request.url.host;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
    try {
      const response = await fetch(request.url.href, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        agent: (url) => settings.agents.forUrl(url),
        redirect: 'manual',
        signal: controller.signal,
      });
      const target = redirectTarget(response, request.url);
      if (target !== null) {
        controller.abort();
        return E.left({ kind: 'redirect', host, status: response.status, locationHost: target.host, location: target.location });
      }
      const body = await readLimited(response, settings.maxBodyBytes, () => controller.abort());
      return E.right({ status: response.status, header: (name) => response.headers.get(name), body });
    } catch (error) {
      if (error instanceof BodyTooLarge) return E.left({ kind: 'too-large', host, limitBytes: settings.maxBodyBytes });
      if (controller.signal.aborted) return E.left({ kind: 'timeout', host, timeoutMs: settings.timeoutMs });
      return E.left(classifyThrown(error, host, ADDRESS_BLOCKED));
    } finally {
      clearTimeout(timer);
    }
  };
