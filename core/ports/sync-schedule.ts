import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { PersistenceFailure } from '../errors.js';

/** A connection whose scheduled sync (`incremental`) or reconciliation sweep (`sweep`) is due. */
export interface DueSync {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly mode: 'incremental' | 'sweep';
}

export interface SchedulePolicy {
  /** The shortest interval honoured, whatever a connection asks for. */
  readonly minIntervalSeconds: number;
  /** Seconds between reconciliation sweeps of a connection. */
  readonly sweepIntervalSeconds: number;
  /** Each next time is pushed back by up to this fraction of its interval, at random, so connections spread out. */
  readonly jitter: number;
}

/**
 * When each enabled connection with polling on is next synced and swept. `claimDue` hands out
 * each due slot to exactly one caller across every process, moving the connection's next time
 * forward (interval plus jitter) in the same step; a connection whose schedule is paused, or whose
 * OAuth grant needs a person, is never due.
 */
export interface SyncScheduleStore {
  readonly claimDue: (now: Date, policy: SchedulePolicy, limit: number) => TE.TaskEither<PersistenceFailure, ReadonlyArray<DueSync>>;
  /** Stops the schedule of a connection until it is changed (credentials refused), or clears the pause (null). */
  readonly pause: (organizationId: OrganizationId, connectionId: ConnectionId, pause: { readonly at: Date; readonly reason: string } | null) => TE.TaskEither<PersistenceFailure, void>;
  /** Records that a sweep of the connection finished. */
  readonly recordSweep: (organizationId: OrganizationId, connectionId: ConnectionId, at: Date) => TE.TaskEither<PersistenceFailure, void>;
}
