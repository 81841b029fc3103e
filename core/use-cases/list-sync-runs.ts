import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { SyncRun } from '../domain/sync-run.js';
import type { ConnectionNotFound, PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { SyncRunRepository } from '../ports/sync-run-repository.js';
import { loadConnection } from './load-connection.js';

export const SYNC_RUN_HISTORY_LIMIT = 50;

/** The latest runs of a connection of the organization, newest first. */
export const listSyncRuns =
  (deps: { readonly connections: ConnectionRepository; readonly syncRuns: SyncRunRepository }) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<ConnectionNotFound | PersistenceFailure, ReadonlyArray<SyncRun>> =>
    pipe(
      loadConnection(deps.connections)(organizationId, id),
      TE.chainW(() => deps.syncRuns.listForConnection(organizationId, id, SYNC_RUN_HISTORY_LIMIT)),
    );
