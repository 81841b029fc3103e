import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Connection, SyncState } from '../domain/connection.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { ConnectionAlreadyExists, ConnectionNotFound, PersistenceFailure } from '../errors.js';

/** Connections of organizations to their trackers; unique per (organization, provider, baseUrl). */
export interface ConnectionRepository {
  readonly insert: (connection: Connection) => TE.TaskEither<ConnectionAlreadyExists | PersistenceFailure, Connection>;
  /** Replaces the editable fields; the sync state is left as stored (see `recordSyncState`). */
  readonly update: (
    connection: Connection,
  ) => TE.TaskEither<ConnectionNotFound | ConnectionAlreadyExists | PersistenceFailure, Connection>;
  readonly recordSyncState: (
    organizationId: OrganizationId,
    id: ConnectionId,
    state: SyncState,
  ) => TE.TaskEither<ConnectionNotFound | PersistenceFailure, void>;
  readonly findById: (organizationId: OrganizationId, id: ConnectionId) => TE.TaskEither<PersistenceFailure, Connection | null>;
  /** Oldest first. */
  readonly list: (organizationId: OrganizationId) => TE.TaskEither<PersistenceFailure, ReadonlyArray<Connection>>;
  readonly delete: (organizationId: OrganizationId, id: ConnectionId) => TE.TaskEither<ConnectionNotFound | PersistenceFailure, void>;
}
