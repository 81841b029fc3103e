import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Connection, OAuthGrant, SyncState } from '../domain/connection.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { ConnectionAlreadyExists, ConnectionNotFound, PersistenceFailure } from '../errors.js';

/** Counts to add to a connection's webhook statistics; `lastWebhookAt` only ever moves forward. */
export interface WebhookStatsDelta {
  readonly accepted: number;
  readonly refused: number;
  readonly lastWebhookAt: Date | null;
}

/** Connections of organizations to their trackers; unique per (organization, provider, site). */
export interface ConnectionRepository {
  readonly insert: (connection: Connection) => TE.TaskEither<ConnectionAlreadyExists | PersistenceFailure, Connection>;
  /**
   * Replaces the editable fields; the sync state, the webhook statistics and the OAuth grant are
   * left as stored: a grant changes only through `storeOAuthGrant`, so an edit made from a stale
   * read never restores a spent refresh token.
   */
  readonly update: (
    connection: Connection,
  ) => TE.TaskEither<ConnectionNotFound | ConnectionAlreadyExists | PersistenceFailure, Connection>;
  readonly recordSyncState: (
    organizationId: OrganizationId,
    id: ConnectionId,
    state: SyncState,
  ) => TE.TaskEither<ConnectionNotFound | PersistenceFailure, void>;
  /**
   * Replaces an OAuth connection's grant (a refreshed token pair, the reauthorization mark, or a new
   * consent) in one write, so a reader sees the old pair or the new one, never half of each.
   */
  readonly storeOAuthGrant: (
    organizationId: OrganizationId,
    id: ConnectionId,
    grant: OAuthGrant,
  ) => TE.TaskEither<ConnectionNotFound | PersistenceFailure, void>;
  /** Adds to the webhook statistics as one atomic increment, so concurrent writers never overwrite each other. */
  readonly addWebhookStats: (
    organizationId: OrganizationId,
    id: ConnectionId,
    delta: WebhookStatsDelta,
  ) => TE.TaskEither<ConnectionNotFound | PersistenceFailure, void>;
  readonly findById: (organizationId: OrganizationId, id: ConnectionId) => TE.TaskEither<PersistenceFailure, Connection | null>;
  /**
   * For authenticating a webhook delivery ONLY: the one lookup without an organization. A delivery
   * carries no token naming its organization; the connection's secret is what authenticates it, and
   * the organization is then the connection's. Never use it to serve anything to a caller.
   */
  readonly findForWebhook: (id: ConnectionId) => TE.TaskEither<PersistenceFailure, Connection | null>;
  /** Oldest first. */
  readonly list: (organizationId: OrganizationId) => TE.TaskEither<PersistenceFailure, ReadonlyArray<Connection>>;
  readonly delete: (organizationId: OrganizationId, id: ConnectionId) => TE.TaskEither<ConnectionNotFound | PersistenceFailure, void>;
}
