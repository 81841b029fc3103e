import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { QuarantinedIssue } from '../domain/quarantine.js';
import type { PersistenceFailure } from '../errors.js';

/**
 * The items of each connection that a sync read but could not store, with the reason, until one
 * is stored. At most one entry per (organization, connection, external id).
 */
export interface IssueQuarantine {
  /**
   * Keeps each entry, replacing the connection's earlier entry for the same item (whose
   * `firstQuarantinedAt` is kept). The entries' text is already storable.
   */
  readonly hold: (entries: ReadonlyArray<QuarantinedIssue>) => TE.TaskEither<PersistenceFailure, void>;
  /** Forgets the connection's entries for these items: they were stored since. */
  readonly release: (organizationId: OrganizationId, connectionId: ConnectionId, externalIds: ReadonlyArray<string>) => TE.TaskEither<PersistenceFailure, void>;
  /**
   * Forgets every entry of a connection being deleted: its items can no longer be stored, and an
   * entry keeps an item's key and the tracker's reason, which must not outlive the connection.
   */
  readonly forgetConnection: (organizationId: OrganizationId, connectionId: ConnectionId) => TE.TaskEither<PersistenceFailure, void>;
  /** The connection's entries, latest first. */
  readonly list: (organizationId: OrganizationId, connectionId: ConnectionId, limit: number) => TE.TaskEither<PersistenceFailure, ReadonlyArray<QuarantinedIssue>>;
}
