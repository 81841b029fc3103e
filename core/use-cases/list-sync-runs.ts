import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeQuery } from '../codecs/decode.js';
import { SyncRunQueryCodec } from '../codecs/sync-run-query.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { SyncRun } from '../domain/sync-run.js';
import type { ConnectionNotFound, InvalidQuery, PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { SyncRunRepository } from '../ports/sync-run-repository.js';
import { loadConnection } from './load-connection.js';

export const SYNC_RUN_HISTORY_LIMIT = 50;

/** The latest runs of a connection of the organization, newest first (`?limit`, 50 at most). */
export const listSyncRuns =
  (deps: { readonly connections: ConnectionRepository; readonly syncRuns: SyncRunRepository }) =>
  (
    organizationId: OrganizationId,
    id: ConnectionId,
    query: unknown = {},
  ): TE.TaskEither<InvalidQuery | ConnectionNotFound | PersistenceFailure, ReadonlyArray<SyncRun>> =>
    pipe(
      TE.fromEither(decodeQuery(SyncRunQueryCodec)(query)),
      TE.chainFirstW(() => loadConnection(deps.connections)(organizationId, id)),
      TE.chainW((q) => deps.syncRuns.listForConnection(organizationId, id, q.limit ?? SYNC_RUN_HISTORY_LIMIT)),
    );
