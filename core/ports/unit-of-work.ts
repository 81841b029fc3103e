import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { PersistenceFailure } from '../errors.js';
import type { ConnectionWriteLock } from './connection-write-lock.js';
import type { EventLog } from './event-log.js';
import type { TaskRepository } from './task-repository.js';
import type { UserMappingRepository } from './user-mapping-repository.js';

/** The ports whose writes must commit together. */
export interface TransactionalPorts {
  readonly events: EventLog;
  readonly tasks: TaskRepository;
  /** Read inside the same transaction, so a page needs no second connection. */
  readonly userMappings: UserMappingRepository;
  /** A sync's writes hold their connection, so a delete cannot slip between its check and its write. */
  readonly connectionLock: ConnectionWriteLock;
}

/**
 * Runs `work` atomically: if it ends in Left (or throws), none of its writes are kept, so a page of
 * a sync is all or nothing and a rerun converges.
 */
export interface UnitOfWork {
  readonly transaction: <E, A>(
    work: (ports: TransactionalPorts) => TE.TaskEither<E, A>,
  ) => TE.TaskEither<E | PersistenceFailure, A>;
}
