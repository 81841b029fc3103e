import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../domain/connection.js';
import type { Write, WriteFailure, WriteFailureCode } from '../domain/write.js';
import { describeError, type DomainError, type FieldIssue, type PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { WriteJob } from '../ports/write-queue.js';
import type { WriteRepository } from '../ports/write-repository.js';
import { reachSource, type ReachSourceDeps } from './source-connection.js';
import type { Attempt, JobOutcome } from './sync/finish-run.js';
import { performCreate, performUpdate, type PerformWriteDeps, type Performed, type WriteTarget } from './writes/perform-write.js';
import { settleFailed, settleSucceeded, type SettleWriteDeps } from './writes/settle-write.js';

export interface RunWriteJobDeps extends ReachSourceDeps, PerformWriteDeps, SettleWriteDeps {
  readonly connections: ConnectionRepository;
  readonly writes: WriteRepository;
}

export interface RunWriteJobCommand extends WriteJob, Attempt {}

// Worth another attempt: the tracker (or the database) may answer next time.
const TRANSIENT: ReadonlyArray<DomainError['_tag']> = ['SourceUnavailable', 'SourceRateLimited', 'PersistenceFailure'];

const failure = (code: WriteFailureCode, message: string, details: ReadonlyArray<FieldIssue> = [], conflicts: WriteFailure['conflicts'] = null): WriteFailure => ({ code, message, details, conflicts });

/** Core's errors in the write's stable codes. */
export const writeFailureOf = (error: DomainError): WriteFailure => {
  switch (error._tag) {
    case 'WriteRejected':
      return failure('write/rejected', error.message, error.fieldErrors);
    case 'TransitionUnavailable':
      return failure('write/transition-unavailable', describeError(error), error.available.map((status) => ({ path: 'status', message: `can move to ${status}` })));
    case 'SourceAuthRejected':
    case 'ReauthorizationRequired':
      return failure('write/auth', `${describeError(error)}; writes of this connection are paused until it is changed`);
    case 'TaskNotFound':
    case 'ConnectionNotFound':
    case 'SyncStopped':
      return failure('write/not-found', describeError(error));
    case 'SourceConfigurationInvalid':
      return failure('write/rejected', error.message, error.details);
    default:
      return failure('write/unavailable', describeError(error));
  }
};

const pausedByAuth = (deps: RunWriteJobDeps, connection: Connection): TE.TaskEither<PersistenceFailure, boolean> =>
  pipe(
    deps.writes.lastAuthFailureAt(connection.organizationId, connection.id),
    TE.map((at) => at !== null && at.getTime() >= connection.updatedAt.getTime()),
  );

const perform = (deps: RunWriteJobDeps, write: Write): TE.TaskEither<DomainError, { readonly connection: Connection; readonly performed: Performed }> =>
  pipe(
    deps.connections.findById(write.organizationId, write.connectionId),
    TE.chainW((connection): TE.TaskEither<DomainError, Connection> =>
      connection === null ? TE.left({ _tag: 'ConnectionNotFound', connectionId: write.connectionId }) : connection.enabled ? TE.right(connection) : TE.left({ _tag: 'ConnectionDisabled', connectionId: connection.id }),
    ),
    TE.chainFirstW((connection) =>
      pipe(
        pausedByAuth(deps, connection),
        TE.chainW((paused) => (paused ? TE.left<DomainError, void>({ _tag: 'SourceAuthRejected', message: 'An earlier write was refused for its credentials' }) : TE.right(undefined))),
      ),
    ),
    TE.chainW((connection) =>
      pipe(
        reachSource(deps)(connection),
        TE.chainW(({ provider, connection: source, current }) => {
          if (provider.writes === undefined) return TE.left<DomainError, Performed>({ _tag: 'ProviderNotSupported', provider: current.provider });
          const target: WriteTarget = { provider, writer: provider.writes, source, connection: current };
          return write.request.kind === 'create' ? performCreate(deps, target, write, write.request) : performUpdate(deps, target, write.request);
        }),
        TE.map((performed) => ({ connection, performed })),
      ),
    ),
  );

/**
 * What a worker does with a write job: claims the queued write (one already taken or finished needs
 * nothing), performs it against the tracker and settles it. A transient failure with attempts left
 * puts it back in the queue and answers `retry` (the queue's backoff decides when); a refusal fails
 * it at once with the tracker's reasons.
 */
export const runWriteJob =
  (deps: RunWriteJobDeps) =>
  (command: RunWriteJobCommand): TE.TaskEither<PersistenceFailure, JobOutcome> =>
    pipe(
      deps.writes.claim(command.organizationId, command.writeId, deps.clock.now()),
      TE.chainW((write) => {
        if (write === null) return TE.right<PersistenceFailure, JobOutcome>('done');
        return pipe(
          TE.fromTask(perform(deps, write)),
          TE.chainW((outcome): TE.TaskEither<PersistenceFailure, JobOutcome> => {
            if (E.isRight(outcome)) {
              const { connection, performed } = outcome.right;
              const settled =
                performed.kind === 'conflict'
                  ? settleFailed(deps, write, failure('write/conflict', 'The tracker changed these fields since the product read them', [], performed.conflicts))
                  : settleSucceeded(deps, connection, write, performed.issue, performed.overwritten);
              return pipe(settled, TE.map((): JobOutcome => 'done'), TE.orElseW((e) => retryOrFail(deps, write, command, e)));
            }
            return retryOrFail(deps, write, command, outcome.left);
          }),
        );
      }),
    );

const retryOrFail = (deps: RunWriteJobDeps, write: Write, attempt: Attempt, error: DomainError): TE.TaskEither<PersistenceFailure, JobOutcome> =>
  TRANSIENT.includes(error._tag) && attempt.attempt < attempt.maxAttempts
    ? pipe(deps.writes.release(write.organizationId, write.id, deps.clock.now()), TE.map((): JobOutcome => 'retry'))
    : pipe(settleFailed(deps, write, writeFailureOf(error)), TE.map((): JobOutcome => 'done'));
