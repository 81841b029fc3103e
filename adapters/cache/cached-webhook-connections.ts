import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection, ConnectionId, ConnectionRepository } from '../../core/index.js';
import { singleFlight } from '../concurrency/single-flight.js';
import { ttlCache } from './ttl-cache.js';

export const DEFAULT_WEBHOOK_CONNECTION_TTL_MS = 5_000;

/**
 * `findForWebhook` answered from memory for a few seconds, so a burst of deliveries to one
 * connection reads it once. Every write to a connection through this process forgets it at once.
 *
 * Why a few seconds stale is acceptable: a change made through another process (another API
 * instance) is seen here within the TTL. For a rotated secret that changes nothing, since the old
 * secret stays valid for its grace period anyway; a connection disabled, deleted or stripped of its
 * secret elsewhere may still have deliveries accepted for up to the TTL, signed with a secret that
 * was valid moments before (they are authentic), and a deleted connection's are then dropped by the
 * processor. A rotation with a zero grace is the one case where an old secret outlives its
 * replacement by up to the TTL. Unknown ids are remembered too (bounded), so a repeated unknown id
 * is answered from memory like a known one and timing tells nothing about which ids exist.
 */
export interface CachedWebhookConnections extends ConnectionRepository {
  /** Forgets a connection written elsewhere (inside a unit of work), once that write is committed. */
  readonly forget: (id: ConnectionId) => void;
}

export const cachedWebhookConnections = (
  connections: ConnectionRepository,
  options: { readonly ttlMs?: number; readonly maxEntries?: number } = {},
): CachedWebhookConnections => {
  const cache = ttlCache<Connection | null>({ ttlMs: options.ttlMs ?? DEFAULT_WEBHOOK_CONNECTION_TTL_MS, maxEntries: options.maxEntries ?? 10_000 });
  // A burst (or an inbox pass of many deliveries) missing the same entry reads the row once.
  const flight = singleFlight<Awaited<ReturnType<ReturnType<ConnectionRepository['findForWebhook']>>>>();
  const forgetting =
    <A extends ReadonlyArray<unknown>, E, B>(idOf: (...args: A) => ConnectionId, write: (...args: A) => TE.TaskEither<E, B>) =>
    (...args: A): TE.TaskEither<E, B> => {
      cache.delete(idOf(...args));
      return pipe(
        write(...args),
        TE.bimap(
          (error) => (cache.delete(idOf(...args)), error),
          (value) => (cache.delete(idOf(...args)), value),
        ),
      );
    };
  return {
    ...connections,
    forget: (id) => cache.delete(id),
    insert: forgetting((connection) => connection.id, connections.insert),
    update: forgetting((connection) => connection.id, connections.update),
    storeOAuthGrant: forgetting((_organizationId, id) => id, connections.storeOAuthGrant),
    delete: forgetting((_organizationId, id) => id, connections.delete),
    findForWebhook: (id) => {
      const cached = cache.get(id);
      if (cached !== undefined) return TE.right(cached.value);
      return pipe(
        () => flight(id, connections.findForWebhook(id)),
        TE.map((found) => (cache.set(id, found), found)),
      );
    },
  };
};
