import * as TE from 'fp-ts/lib/TaskEither.js';
import { isOpenRun, isSchedulePaused, type Connection, type DueSync, type SyncScheduleStore } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

const later = (now: Date, seconds: number, jitter: number, random: () => number) => new Date(now.getTime() + seconds * 1000 * (1 + jitter * random()));

/** The schedule over the in-memory connections; `random` decides the jitter (0 by default, so times are exact). */
export const memorySyncSchedule = (state: MemoryState, random: () => number = () => 0): SyncScheduleStore => {
  const hasOpenRun = (c: Connection) => [...state.syncRuns.values()].some((r) => r.connectionId === c.id && r.organizationId === c.organizationId && isOpenRun(r.status));
  const update = (organizationId: string, id: string, change: (c: Connection) => Connection) => {
    const current = state.connections.get(id);
    if (current !== undefined && current.organizationId === organizationId) state.connections.set(id, change(current));
    return TE.right(undefined);
  };
  return {
    claimDue: (now, policy, limit) => {
      const due: DueSync[] = [];
      for (const c of state.connections.values()) {
        if (due.length >= limit) break;
        if (!c.enabled || !c.pollingEnabled || isSchedulePaused(c) || c.credentials.oauth?.status === 'reauthorization_required' || hasOpenRun(c)) continue;
        const { nextSyncAt, nextSweepAt } = c.schedule;
        const interval = Math.max(c.syncIntervalSeconds, policy.minIntervalSeconds);
        if (nextSyncAt === null || nextSyncAt.getTime() <= now.getTime()) {
          state.connections.set(c.id, { ...c, schedule: { ...c.schedule, nextSyncAt: later(now, interval, policy.jitter, random), nextSweepAt: nextSweepAt ?? later(now, policy.sweepIntervalSeconds, 0, random) } });
          due.push({ organizationId: c.organizationId, connectionId: c.id, mode: 'incremental' });
        } else if (nextSweepAt !== null && nextSweepAt.getTime() <= now.getTime()) {
          state.connections.set(c.id, { ...c, schedule: { ...c.schedule, nextSweepAt: later(now, policy.sweepIntervalSeconds, policy.jitter, random) } });
          due.push({ organizationId: c.organizationId, connectionId: c.id, mode: 'sweep' });
        }
      }
      return TE.right(due);
    },
    pause: (organizationId, id, pause) =>
      update(organizationId, id, (c) => ({ ...c, schedule: { ...c.schedule, pausedAt: pause?.at ?? null, pausedReason: pause?.reason ?? null } })),
    recordSweep: (organizationId, id, at) => update(organizationId, id, (c) => ({ ...c, schedule: { ...c.schedule, lastSweepAt: at } })),
  };
};
