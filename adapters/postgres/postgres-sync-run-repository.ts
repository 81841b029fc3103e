import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { persistenceFailure, type SyncRunRepository } from '../../core/index.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';
import { toSyncRun, toSyncRunRecord } from './schema/sync-run.mapper.js';
import { SyncRunSchema } from './schema/sync-run.schema.js';

export const postgresSyncRunRepository = (em: EntityManagerSource): SyncRunRepository => ({
  insert: (run) =>
    pipe(
      attempt('Recording the sync run', () => em().insert(SyncRunSchema, toSyncRunRecord(run))),
      TE.map(() => run),
    ),
  finish: (run) => {
    const { id, organizationId, connectionId: _c, trigger: _t, mode: _m, startedAt: _s, ...outcome } = toSyncRunRecord(run);
    return pipe(
      attempt('Finishing the sync run', () => (isUuid(id) ? em().nativeUpdate(SyncRunSchema, { id, organizationId }, outcome) : Promise.resolve(0))),
      TE.chain((count) => (count === 0 ? TE.left(persistenceFailure(`Sync run ${run.id} was never started`)) : TE.right(run))),
    );
  },
  listForConnection: (organizationId, connectionId, limit) =>
    pipe(
      attempt('Listing sync runs', () =>
        isUuid(connectionId)
          ? em().find(
              SyncRunSchema,
              { organizationId, connectionId },
              { orderBy: { startedAt: 'desc', id: 'desc' }, limit, disableIdentityMap: true },
            )
          : Promise.resolve([]),
      ),
      TE.map((records) => records.map(toSyncRun)),
    ),
});
