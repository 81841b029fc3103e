import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { PersistenceFailure } from '../errors.js';
import type { AuditTrail } from './audit-log.js';
import type { ConnectionRepository } from './connection-repository.js';
import type { ConnectionWriteLock } from './connection-write-lock.js';
import type { EventLog } from './event-log.js';
import type { IssueQuarantine } from './issue-quarantine.js';
import type { Outbox } from './outbox.js';
import type { SyncRunRepository } from './sync-run-repository.js';
import type { TaskRepository } from './task-repository.js';
import type { UserMappingRepository } from './user-mapping-repository.js';
import type { WorkspaceModuleRepository } from './workspace-module-repository.js';
import type { EventEndpointRepository } from './event-endpoint-repository.js';
import type { WriteRepository } from './write-repository.js';

/**
 * The ports whose writes must commit together: every change is written with the outbox events and
 * the audit entries that describe it, or not at all.
 */
export interface TransactionalPorts {
  readonly events: EventLog;
  readonly tasks: TaskRepository;
  /** Read inside the same transaction, so a page needs no second connection. */
  readonly userMappings: UserMappingRepository;
  readonly connections: ConnectionRepository;
  readonly workspaceModules: WorkspaceModuleRepository;
  readonly syncRuns: SyncRunRepository;
  readonly eventEndpoints: EventEndpointRepository;
  readonly outbox: Outbox;
  /** A write's outcome commits with the task it changed and its events. */
  readonly writes: WriteRepository;
  readonly audit: AuditTrail;
  /** Items a sync could not store: an item stored at last leaves it in the same transaction. */
  readonly quarantine: IssueQuarantine;
  /** A sync's writes hold their connection, so a delete cannot slip between its check and its write. */
  readonly connectionLock: ConnectionWriteLock;
}

/**
 * Which transactions a unit of work may run side by side: `sync` for a sync's batch writes (large,
 * several out at once), `shared` for everything else (webhook deliveries, edits). An adapter may
 * schedule each lane its own way; the outcome of a work never depends on its lane.
 */
export type TransactionLane = 'shared' | 'sync';

/**
 * Runs `work` atomically: if it ends in Left (or throws), none of its writes are kept, so a page of
 * a sync is all or nothing and a rerun converges, and no event or audit entry outlives its change.
 * `lane` (`shared` when unset) only says how it may be scheduled beside other transactions.
 */
export interface UnitOfWork {
  readonly transaction: <E, A>(
    work: (ports: TransactionalPorts) => TE.TaskEither<E, A>,
    lane?: TransactionLane,
  ) => TE.TaskEither<E | PersistenceFailure, A>;
}
