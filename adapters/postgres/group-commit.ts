import type * as E from 'fp-ts/lib/Either.js';
import type { TransactionalPorts } from '../../core/index.js';

export type AnyWork = (ports: TransactionalPorts) => () => Promise<E.Either<unknown, unknown>>;
export type AnyOutcome = E.Either<unknown, unknown>;

export interface GroupCommitOptions {
  /** Works sharing one transaction at most (default 64). */
  readonly maxGroupSize?: number;
  /**
   * Group transactions running at once (default 1, which measured best for webhook bursts): while one
   * runs, the next gathers. With 1, the units of work of one group commit never run side by side;
   * concurrent ones (deliveries) share a transaction instead, so a work must never wait, inside its
   * transaction, for another unit of work. The unit of work keeps a group commit per lane, and the
   * lanes' transactions do run side by side (postgres-unit-of-work.ts).
   */
  readonly maxGroupsInFlight?: number;
}

interface Waiting {
  readonly work: AnyWork;
  readonly resolve: (outcome: AnyOutcome) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupRunners {
  /** One work in a transaction of its own, with the unit of work's usual answers. */
  readonly alone: (work: AnyWork) => Promise<AnyOutcome>;
  /** Several works in one transaction; null when it did not commit (nothing of it was kept). */
  readonly together: (works: ReadonlyArray<AnyWork>) => Promise<ReadonlyArray<AnyOutcome> | null>;
}

/**
 * Group commit: works submitted while earlier groups are still running wait, then share one
 * transaction and one commit, and each answer is given only once that commit is durable. When a
 * group does not commit (a Left, a throw, a failed commit), none of it was kept, and each of its
 * works runs again alone, so one work's failure is never another's.
 */
export const groupCommit = (runners: GroupRunners, options: GroupCommitOptions = {}) => {
  const maxGroupSize = options.maxGroupSize ?? 64;
  const maxGroupsInFlight = options.maxGroupsInFlight ?? 1;
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const runAlone = (w: Waiting) => runners.alone(w.work).then(w.resolve, w.reject);

  const run = async (group: ReadonlyArray<Waiting>) => {
    if (group.length === 1) return runAlone(group[0]!);
    const outcomes = await runners.together(group.map((w) => w.work));
    if (outcomes !== null) return group.forEach((w, i) => w.resolve(outcomes[i]!));
    // Again one at a time: two works of the failed group may write the same new task.
    for (const w of group) await runAlone(w);
  };

  const start = () => {
    scheduled = false;
    while (inFlight < maxGroupsInFlight && waiting.length > 0) {
      // Spread over the free transactions: works that could each have one do not share one.
      const share = Math.ceil(waiting.length / (maxGroupsInFlight - inFlight));
      inFlight += 1;
      void run(waiting.splice(0, Math.min(maxGroupSize, share))).finally(() => {
        inFlight -= 1;
        start();
      });
    }
  };

  return {
    submit: (work: AnyWork): Promise<AnyOutcome> =>
      new Promise((resolve, reject) => {
        waiting.push({ work, resolve, reject });
        // Works submitted in the same turn of the event loop start together.
        if (scheduled) return;
        scheduled = true;
        setImmediate(start);
      }),
  };
};
