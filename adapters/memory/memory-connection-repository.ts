import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  connectionAlreadyExists,
  connectionNotFound,
  type Connection,
  type ConnectionRepository,
} from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

/** One connection per tracker instance and organization, as the database's unique index says. */
const sameTarget = (a: Connection, b: Connection): boolean =>
  a.id !== b.id && a.organizationId === b.organizationId && a.provider === b.provider && a.site === b.site;

export const memoryConnectionRepository = (state: MemoryState): ConnectionRepository => {
  const conflict = (c: Connection) => [...state.connections.values()].some((other) => sameTarget(other, c));
  const owned = (organizationId: string, id: string) => {
    const found = state.connections.get(id);
    return found !== undefined && found.organizationId === organizationId ? found : undefined;
  };
  return {
    insert: (connection) => {
      if (conflict(connection)) return TE.left(connectionAlreadyExists(connection.provider, connection.baseUrl));
      state.connections.set(connection.id, connection);
      return TE.right(connection);
    },
    update: (connection) => {
      const current = owned(connection.organizationId, connection.id);
      if (current === undefined) return TE.left(connectionNotFound(connection.id));
      if (conflict(connection)) return TE.left(connectionAlreadyExists(connection.provider, connection.baseUrl));
      // The grant changes only through storeOAuthGrant: an edit made from a stale read must not restore a spent token.
      const credentials = { ...connection.credentials, oauth: current.credentials.oauth };
      const saved = { ...connection, credentials, syncState: current.syncState, schedule: current.schedule, webhookStats: current.webhookStats };
      state.connections.set(connection.id, saved);
      return TE.right(saved);
    },
    recordSyncState: (organizationId, id, syncState) => {
      const current = owned(organizationId, id);
      if (current === undefined) return TE.left(connectionNotFound(id));
      state.connections.set(id, { ...current, syncState });
      return TE.right(undefined);
    },
    storeOAuthGrant: (organizationId, id, grant) => {
      const current = owned(organizationId, id);
      if (current === undefined || current.credentials.oauth === null) return TE.left(connectionNotFound(id));
      // A working grant ends a schedule pause, as new credentials do.
      const schedule = grant.status === 'active' ? { ...current.schedule, pausedAt: null, pausedReason: null } : current.schedule;
      state.connections.set(id, { ...current, credentials: { ...current.credentials, oauth: grant }, schedule });
      return TE.right(undefined);
    },
    addWebhookStats: (organizationId, id, delta) => {
      const current = owned(organizationId, id);
      if (current === undefined) return TE.left(connectionNotFound(id));
      const { lastWebhookAt, accepted, refused } = current.webhookStats;
      const later = delta.lastWebhookAt !== null && (lastWebhookAt === null || delta.lastWebhookAt.getTime() > lastWebhookAt.getTime());
      const latest = later ? delta.lastWebhookAt : lastWebhookAt;
      const webhookStats = { lastWebhookAt: latest, accepted: accepted + delta.accepted, refused: refused + delta.refused };
      state.connections.set(id, { ...current, webhookStats });
      return TE.right(undefined);
    },
    findById: (organizationId, id) => TE.right(owned(organizationId, id) ?? null),
    findForWebhook: (id) => TE.right(state.connections.get(id) ?? null),
    list: (organizationId) =>
      TE.right(
        [...state.connections.values()]
          .filter((c) => c.organizationId === organizationId)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)),
      ),
    delete: (organizationId, id) => {
      if (owned(organizationId, id) === undefined) return TE.left(connectionNotFound(id));
      state.connections.delete(id);
      return TE.right(undefined);
    },
  };
};
