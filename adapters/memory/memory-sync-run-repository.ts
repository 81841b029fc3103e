import * as TE from 'fp-ts/lib/TaskEither.js';
import { isOpenRun, syncInProgress, type SyncRun, type SyncRunRepository } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

const newestFirst = (a: SyncRun, b: SyncRun) => b.queuedAt.getTime() - a.queuedAt.getTime() || b.id.localeCompare(a.id);

/** Sync runs in memory, with the same one-open-run rule and leases as the database. */
export const memorySyncRunRepository = (state: MemoryState): SyncRunRepository => {
  const owned = (organizationId: string, id: string) => {
    const run = state.syncRuns.get(id);
    return run !== undefined && run.organizationId === organizationId ? run : undefined;
  };
  const save = (run: SyncRun) => (state.syncRuns.set(run.id, run), run);
  return {
    open: (run) => {
      const open = [...state.syncRuns.values()].some((r) => r.organizationId === run.organizationId && r.connectionId === run.connectionId && isOpenRun(r.status));
      return open ? TE.left(syncInProgress(run.connectionId)) : TE.right(save(run));
    },
    claim: (organizationId, id, now, leaseUntil) => {
      const run = owned(organizationId, id);
      return TE.right(run?.status === 'queued' ? save({ ...run, status: 'running', startedAt: run.startedAt ?? now, leaseExpiresAt: leaseUntil }) : null);
    },
    recordProgress: (run, progress, leaseUntil) => {
      const current = owned(run.organizationId, run.id);
      const connection = state.connections.get(run.connectionId);
      const connectionSignal = connection?.organizationId !== run.organizationId ? 'connection-deleted' : connection.enabled ? null : 'connection-disabled';
      if (current?.status !== 'running') return TE.right(connectionSignal ?? 'lost');
      // Counts only grow: a check made while the next page was prefetched may arrive after a newer one.
      const newer = progress.pages >= current.pages ? progress : { pages: current.pages, counts: current.counts, sweep: current.sweep, quarantine: current.quarantine };
      save({ ...current, ...newer, leaseExpiresAt: leaseUntil });
      return TE.right(connectionSignal ?? (current.cancelRequested ? 'cancel' : 'continue'));
    },
    renewLease: (organizationId, id, leaseUntil) => {
      const current = owned(organizationId, id);
      if (current?.status === 'running') save({ ...current, leaseExpiresAt: leaseUntil });
      return TE.right(undefined);
    },
    finish: (run) => {
      const current = owned(run.organizationId, run.id);
      return TE.right(current !== undefined && isOpenRun(current.status) ? save({ ...run, cancelRequested: current.cancelRequested }) : null);
    },
    requestCancel: (organizationId, connectionId, id, now) => {
      const run = owned(organizationId, id);
      if (run === undefined || run.connectionId !== connectionId || !isOpenRun(run.status)) return TE.right(null);
      return TE.right(
        run.status === 'queued'
          ? save({ ...run, status: 'cancelled', error: 'The sync was cancelled', failure: { code: 'SyncStopped', message: 'The sync was cancelled' }, finishedAt: now })
          : save({ ...run, cancelRequested: true }),
      );
    },
    closeExpired: (now, reason) =>
      TE.right(
        [...state.syncRuns.values()]
          .filter((r) => r.status === 'running' && r.leaseExpiresAt !== null && r.leaseExpiresAt.getTime() < now.getTime())
          .map((r) => save({ ...r, status: 'interrupted', error: reason, failure: { code: 'SyncStopped', message: reason }, finishedAt: now, leaseExpiresAt: null })),
      ),
    findQueuedBefore: (before, limit) =>
      TE.right(
        [...state.syncRuns.values()]
          .filter((r) => r.status === 'queued' && r.queuedAt.getTime() < before.getTime())
          .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime())
          .slice(0, limit),
      ),
    findById: (organizationId, connectionId, id) => {
      const run = owned(organizationId, id);
      return TE.right(run !== undefined && run.connectionId === connectionId ? run : null);
    },
    listForConnection: (organizationId, connectionId, limit) =>
      TE.right(
        [...state.syncRuns.values()]
          .filter((r) => r.organizationId === organizationId && r.connectionId === connectionId)
          .sort(newestFirst)
          .slice(0, limit),
      ),
  };
};
