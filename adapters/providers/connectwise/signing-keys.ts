import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import { sourceUnavailable, type SourceUnavailable, type WebhookConnection } from '../../../core/index.js';
import { singleFlight } from '../../concurrency/single-flight.js';
import { describeNetFailure, type HttpClient } from '../../net/index.js';
import { isKeyHostAllowed } from './base-url.js';
import { CONNECTWISE_API, CONNECTWISE_KEY_HOST_SUFFIXES } from './facts.js';
import { ttlCache } from './metadata-cache.js';

const SigningKeyCodec = t.type({ signing_key: t.string }, 'SigningKey');
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why a callback's `Metadata.key_url` must not be fetched, or null. The URL comes from an
 * unauthenticated body, so it must be https on the connection's own host or a ConnectWise cloud
 * host; the simulator's loopback http only under the private-network flag. The HTTP client's guard
 * then refuses private and metadata addresses whatever the name resolves to.
 */
export const keyUrlRefusal = (keyUrl: string, connection: WebhookConnection, allowPrivateNetwork: boolean): string | null => {
  let url: URL;
  try {
    url = new URL(keyUrl);
  } catch {
    return 'is not a URL';
  }
  const siteHost = new URL(connection.baseUrl).host;
  const loopbackSimulator = allowPrivateNetwork && LOOPBACK.test(url.hostname) && url.host.toLowerCase() === siteHost.toLowerCase();
  if (url.protocol !== 'https:' && !loopbackSimulator) return 'must use https';
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  return isKeyHostAllowed(url.host, siteHost, CONNECTWISE_KEY_HOST_SUFFIXES) ? null : `is on ${url.host}, neither the connection's host nor a ConnectWise cloud host`;
};

/** The HMAC key of a signing key: its raw SHA-256 digest, not the key itself. */
export const hmacKeyOf = (signingKey: string): Buffer => createHash('sha256').update(signingKey, 'utf8').digest();

/**
 * Fetches (with the clientId header) and caches signing keys per key_url; a failure is
 * SourceUnavailable so the sender retries. A burst of callbacks arriving before the key is cached
 * (ConnectWise sends one per change) shares one fetch.
 */
export const signingKeys = (http: HttpClient, now: () => number) => {
  const cache = ttlCache<Buffer>(CONNECTWISE_API.signingKeyTtlMs, now, 1_000);
  const flight = singleFlight<E.Either<SourceUnavailable, Buffer>>();
  const fetchKey = async (keyUrl: string, clientId: string): Promise<E.Either<SourceUnavailable, Buffer>> => {
    const outcome = await http.send(
      { method: 'GET', url: new URL(keyUrl), headers: { clientid: clientId, accept: 'application/json' } },
      { connectionKey: `connectwise-key:${new URL(keyUrl).host}`, idempotent: true, maxAttempts: 2 },
    );
    if (E.isLeft(outcome)) return E.left(sourceUnavailable(`The callback's signing key could not be fetched: ${describeNetFailure(outcome.left)}`));
    if (outcome.right.status !== 200) return E.left(sourceUnavailable(`The callback's signing key could not be fetched (${outcome.right.status})`));
    const parsed = E.tryCatch(() => JSON.parse(outcome.right.body) as unknown, () => null);
    const decoded = E.isRight(parsed) ? SigningKeyCodec.decode(parsed.right) : E.left([]);
    if (E.isLeft(decoded) || decoded.right.signing_key === '') return E.left(sourceUnavailable("The callback's key URL did not answer a signing key"));
    const key = hmacKeyOf(decoded.right.signing_key);
    cache.set(keyUrl, key);
    return E.right(key);
  };
  return (keyUrl: string, clientId: string): TE.TaskEither<SourceUnavailable, Buffer> =>
    async () => {
      const cached = cache.get(keyUrl);
      if (cached !== undefined) return E.right(cached);
      // Keyed by the client id too: the key server sees the clientId header, so a fetch is not shared across two.
      return flight(`${clientId}\u0000${keyUrl}`, () => fetchKey(keyUrl, clientId));
    };
};
