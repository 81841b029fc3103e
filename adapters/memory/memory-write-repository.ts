import * as TE from 'fp-ts/lib/TaskEither.js';
import { isFinishedWrite, type Write, type WriteRepository } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

/** Writes in memory, with the same one-write-per-key rule as the database. */
export const memoryWriteRepository = (state: MemoryState): WriteRepository => {
  const owned = (organizationId: string, id: string) => {
    const write = state.writes.get(id);
    return write !== undefined && write.organizationId === organizationId ? write : undefined;
  };
  const save = (write: Write) => (state.writes.set(write.id, write), write);
  return {
    record: (write) => {
      const earlier = write.idempotencyKey === null ? undefined : [...state.writes.values()].find((w) => w.organizationId === write.organizationId && w.idempotencyKey === write.idempotencyKey);
      return TE.right(earlier === undefined ? { write: save(write), created: true } : { write: earlier, created: false });
    },
    findById: (organizationId, id) => TE.right(owned(organizationId, id) ?? null),
    claim: (organizationId, id, now) => {
      const write = owned(organizationId, id);
      return TE.right(write?.status === 'queued' ? save({ ...write, status: 'running', attempts: write.attempts + 1, updatedAt: now }) : null);
    },
    release: (organizationId, id, now) => {
      const write = owned(organizationId, id);
      return TE.right(write?.status === 'running' ? save({ ...write, status: 'queued', updatedAt: now }) : null);
    },
    finish: (organizationId, id, outcome, now) => {
      const write = owned(organizationId, id);
      if (write === undefined || isFinishedWrite(write)) return TE.right(null);
      const settled = outcome.status === 'succeeded' ? { result: outcome.result, failure: null } : { result: null, failure: outcome.failure };
      return TE.right(save({ ...write, ...settled, status: outcome.status, updatedAt: now, finishedAt: now }));
    },
    runningFor: (organizationId, connectionId, since) =>
      TE.right(
        [...state.writes.values()]
          .filter((w) => w.organizationId === organizationId && w.connectionId === connectionId && w.status === 'running' && w.updatedAt.getTime() >= since.getTime())
          .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime()),
      ),
    lastAuthFailureAt: (organizationId, connectionId) => {
      const times = [...state.writes.values()]
        .filter((w) => w.organizationId === organizationId && w.connectionId === connectionId && w.failure?.code === 'write/auth' && w.finishedAt !== null)
        .map((w) => w.finishedAt!.getTime());
      return TE.right(times.length === 0 ? null : new Date(Math.max(...times)));
    },
  };
};
