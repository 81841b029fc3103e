import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { PersistenceFailure } from '../errors.js';
import type { SchedulePolicy, SyncScheduleStore } from '../ports/sync-schedule.js';
import { openRun, type OpenRunDeps } from './sync/open-run.js';

export interface PlanScheduledSyncsDeps extends OpenRunDeps {
  readonly syncSchedule: SyncScheduleStore;
  readonly schedulePolicy: SchedulePolicy;
}

export interface PlannedSyncs {
  readonly queued: number;
  /** Due connections that got a run some other way meanwhile (a sync-now): the slot is simply used. */
  readonly skipped: number;
}

/**
 * Queues the syncs and sweeps that are due. Every worker calls it on its tick; the store hands out
 * each due slot once across all of them, so each due sync runs exactly once, and a connection with
 * an open run is not due until the run ends.
 */
export const planScheduledSyncs =
  (deps: PlanScheduledSyncsDeps) =>
  (limit: number): TE.TaskEither<PersistenceFailure, PlannedSyncs> =>
    pipe(
      deps.syncSchedule.claimDue(deps.clock.now(), deps.schedulePolicy, limit),
      TE.chainW(
        TE.traverseSeqArray((due) =>
          pipe(
            openRun(deps)({ organizationId: due.organizationId, connectionId: due.connectionId, trigger: 'schedule', mode: due.mode }),
            TE.map(() => true),
            TE.orElseW((e) => (e._tag === 'SyncInProgress' ? TE.right(false) : TE.left(e))),
          ),
        ),
      ),
      TE.map((outcomes) => ({ queued: outcomes.filter(Boolean).length, skipped: outcomes.filter((q) => !q).length })),
    );
