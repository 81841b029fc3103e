import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PersistenceFailure, TransactionalPorts, TransactionLane, UnitOfWork } from '../../core/index.js';
import { coalescedPorts, type PostgresTransactionalPorts } from './coalesced-ports.js';
import { failureOf, type EntityManagerSource } from './database-call.js';
import { groupCommit, type AnyOutcome, type AnyWork, type GroupCommitOptions } from './group-commit.js';
import { oneCallAtATime } from './one-call-at-a-time.js';

const ROLLBACK = Symbol('rollback');

type PortsOn = (em: EntityManagerSource) => PostgresTransactionalPorts;

/** One work on its own fork: a Left rolls back; a throw rolls back and is rethrown, since it is a bug. */
const alone = (orm: MikroORM, portsOn: PortsOn) => async (work: AnyWork): Promise<AnyOutcome> => {
  let outcome: AnyOutcome | undefined;
  let thrown: { readonly error: unknown } | undefined;
  try {
    await orm.em.fork().transactional(async (tx) => {
      try {
        outcome = await work(oneCallAtATime(portsOn(() => tx)))();
      } catch (error) {
        thrown = { error };
        throw error;
      }
      if (E.isLeft(outcome)) throw ROLLBACK;
    });
  } catch (error) {
    if (thrown !== undefined) throw thrown.error;
    if (error !== ROLLBACK) return E.left(failureOf('The transaction')(error));
  }
  return outcome!;
};

/** Several works in one transaction, their port calls merged; kept only if every one ends in Right. */
const together = (orm: MikroORM, portsOn: PortsOn) => async (works: ReadonlyArray<AnyWork>) => {
  let outcomes: ReadonlyArray<AnyOutcome> = [];
  try {
    await orm.em.fork().transactional(async (tx) => {
      const ports = coalescedPorts(oneCallAtATime(portsOn(() => tx)));
      const settled = await Promise.allSettled(works.map((work) => work(ports)()));
      if (settled.some((s) => s.status === 'rejected' || E.isLeft(s.value))) throw ROLLBACK;
      outcomes = settled.map((s) => (s as PromiseFulfilledResult<AnyOutcome>).value);
    });
  } catch {
    return null;
  }
  return outcomes;
};

export interface UnitOfWorkLanes {
  /** Webhook deliveries and every other write: one group transaction at a time measured best for their bursts. */
  readonly shared?: GroupCommitOptions;
  /**
   * Syncs' batch writes: two group transactions at once by default, so two syncs of the process (or
   * one sync's two writes, where `IdSyncLimits.writesInFlight` allows them) do not wait on each
   * other's commit (docs/performance.md, fifth pass).
   */
  readonly sync?: GroupCommitOptions;
}

const SYNC_LANE: GroupCommitOptions = { maxGroupsInFlight: 2 };

/**
 * Each transaction runs on its own fork of the entity manager, and the ports handed to the work
 * are bound to it. A Left rolls back; a throw rolls back and is rethrown, since it is a bug.
 * Works submitted at the same time in one lane (concurrent webhook deliveries; syncs' batches)
 * share one transaction and one commit, with their statements merged (see group-commit.ts); each
 * is answered only after it. The two lanes run side by side, as two processes' transactions would.
 */
export const postgresUnitOfWork = (orm: MikroORM, portsOn: PortsOn, lanes: UnitOfWorkLanes = {}): UnitOfWork => {
  const runners = { alone: alone(orm, portsOn), together: together(orm, portsOn) };
  const shared = groupCommit(runners, lanes.shared);
  const sync = groupCommit(runners, lanes.sync ?? SYNC_LANE);
  return {
    // The scheduler is untyped; each answer is the outcome of this very work.
    transaction:
      <L, A>(work: (ports: TransactionalPorts) => TE.TaskEither<L, A>, lane: TransactionLane = 'shared') =>
      () =>
        (lane === 'sync' ? sync : shared).submit(work) as Promise<E.Either<L | PersistenceFailure, A>>,
  };
};
