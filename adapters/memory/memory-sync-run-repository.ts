import * as TE from 'fp-ts/lib/TaskEither.js';
import { persistenceFailure, type SyncRunRepository } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

export const memorySyncRunRepository = (state: MemoryState): SyncRunRepository => ({
  insert: (run) => {
    state.syncRuns.set(run.id, run);
    return TE.right(run);
  },
  finish: (run) => {
    if (state.syncRuns.get(run.id)?.organizationId !== run.organizationId) {
      return TE.left(persistenceFailure(`Sync run ${run.id} was never started`));
    }
    state.syncRuns.set(run.id, run);
    return TE.right(run);
  },
  listForConnection: (organizationId, connectionId, limit) =>
    TE.right(
      [...state.syncRuns.values()]
        .filter((r) => r.organizationId === organizationId && r.connectionId === connectionId)
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || b.id.localeCompare(a.id))
        .slice(0, limit),
    ),
});
