import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { Write, WriteId, WriteOutcome } from '../domain/write.js';
import type { PersistenceFailure } from '../errors.js';

/** What `record` answers: the write stored now, or the one an earlier request with the same key stored. */
export interface RecordedWrite {
  readonly write: Write;
  readonly created: boolean;
}

/**
 * The writes asked of trackers, one row per write, always scoped by organization. An idempotency
 * key names one write per organization, whichever process records it first.
 */
export interface WriteRepository {
  /** Stores a queued write; with a key already used in the organization, answers that write instead (`created: false`). */
  readonly record: (write: Write) => TE.TaskEither<PersistenceFailure, RecordedWrite>;
  readonly findById: (organizationId: OrganizationId, id: WriteId) => TE.TaskEither<PersistenceFailure, Write | null>;
  /**
   * Moves a queued write to running and counts the attempt; null when it is not queued (finished,
   * or taken by another worker), in which case there is nothing to do.
   */
  readonly claim: (organizationId: OrganizationId, id: WriteId, now: Date) => TE.TaskEither<PersistenceFailure, Write | null>;
  /** Puts a running write back in the queue for a retry; null when it was not running. */
  readonly release: (organizationId: OrganizationId, id: WriteId, now: Date) => TE.TaskEither<PersistenceFailure, Write | null>;
  /** Settles an unfinished write for good; null when it was already finished. */
  readonly finish: (organizationId: OrganizationId, id: WriteId, outcome: WriteOutcome, now: Date) => TE.TaskEither<PersistenceFailure, Write | null>;
  /**
   * When the connection's latest write refused for its credentials finished (null: never): writes
   * are paused from then until the connection is changed.
   */
  /**
   * The connection's writes running now that were started (claimed) at or after `since`: while one
   * is out at the tracker, the tracker's report of its change (a webhook) waits for it to settle.
   */
  readonly runningFor: (organizationId: OrganizationId, connectionId: ConnectionId, since: Date) => TE.TaskEither<PersistenceFailure, ReadonlyArray<Write>>;
  readonly lastAuthFailureAt: (organizationId: OrganizationId, connectionId: ConnectionId) => TE.TaskEither<PersistenceFailure, Date | null>;
}
