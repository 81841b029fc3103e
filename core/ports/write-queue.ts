import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OrganizationId } from '../domain/ids.js';
import type { Write, WriteId } from '../domain/write.js';
import type { PersistenceFailure } from '../errors.js';

/** The job that runs one recorded write; the write's row holds the rest. */
export interface WriteJob {
  readonly organizationId: OrganizationId;
  readonly writeId: WriteId;
}

/**
 * Durable background execution of writes, shared by every process on the same database, on a queue
 * of its own beside the syncs'. Retries of transient failures and their backoff belong to the
 * queue; the write's outcome belongs to the write.
 */
export interface WriteQueue {
  readonly enqueue: (job: WriteJob) => TE.TaskEither<PersistenceFailure, void>;
  /** The write once finished, or as it stands when `timeoutMs` has passed (a bounded wait). */
  readonly settled: (job: WriteJob, timeoutMs: number) => TE.TaskEither<PersistenceFailure, Write | null>;
}
