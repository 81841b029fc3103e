import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, OrganizationId, SyncRunId } from '../domain/ids.js';
import type { SyncRun } from '../domain/sync-run.js';
import { syncRunNotFound, type DomainError } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { SyncRunRepository } from '../ports/sync-run-repository.js';
import { loadConnection } from './load-connection.js';

/** One run of a connection of the organization, with its progress (for a run queued with `Prefer: respond-async`). */
export const getSyncRun =
  (deps: { readonly connections: ConnectionRepository; readonly syncRuns: SyncRunRepository }) =>
  (organizationId: OrganizationId, connectionId: ConnectionId, runId: SyncRunId): TE.TaskEither<DomainError, SyncRun> =>
    pipe(
      loadConnection(deps.connections)(organizationId, connectionId),
      TE.chainW(() => deps.syncRuns.findById(organizationId, connectionId, runId)),
      TE.chainW((run) => (run === null ? TE.left(syncRunNotFound(runId)) : TE.right(run))),
    );
