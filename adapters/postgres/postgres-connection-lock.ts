import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, ConnectionWriteLock, OrganizationId, PersistenceFailure } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';

// FOR KEY SHARE conflicts with DELETE only: edits and other writers of the connection go on.
const HOLD = 'select id from integration_connections where organization_id = ? and id = any(?::uuid[]) for key share';

export interface PostgresConnectionLock extends ConnectionWriteLock {
  /** Holds several connections of one organization in one statement (a group commit's works); answers those that exist. */
  readonly holdAll: (organizationId: OrganizationId, ids: ReadonlyArray<ConnectionId>) => TE.TaskEither<PersistenceFailure, ReadonlySet<string>>;
}

export const postgresConnectionLock = (em: EntityManagerSource): PostgresConnectionLock => {
  const holdAll = (organizationId: OrganizationId, ids: ReadonlyArray<ConnectionId>) =>
    pipe(
      attempt('Holding the connection', () => executeBound<{ id: string }>(em(), HOLD, [organizationId, ids.filter(isUuid)])),
      TE.map((rows) => new Set(rows.map((row) => row.id))),
    );
  return { holdAll, hold: (organizationId, id) => pipe(holdAll(organizationId, [id]), TE.map((held) => held.has(id))) };
};
