import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { persistenceFailure, type IssueSource, type Provider, type ProviderRegistry, type TaskRepository, type UnitOfWork } from '../../core/index.js';
import { deferred } from './either.js';

export type Crash = 'left' | 'throw';

/**
 * A unit of work whose `nth` task write (1-based) really writes, then fails inside the same
 * transaction: by answering Left, or by throwing as a crashing process would.
 */
export const failingTaskWrite = (inner: UnitOfWork, nth: number, crash: Crash): UnitOfWork => {
  let writes = 0;
  const failAfter = (tasks: TaskRepository): TaskRepository => ({
    ...tasks,
    upsertMany: (organizationId, drafts) =>
      pipe(
        tasks.upsertMany(organizationId, drafts),
        TE.chain((results) => {
          writes += 1;
          if (writes !== nth) return TE.right(results);
          if (crash === 'throw') return () => Promise.reject(new Error('crash half-way through a page'));
          return TE.left(persistenceFailure('failed half-way through a page'));
        }),
      ),
  });
  return { transaction: (work, lane) => inner.transaction((ports) => work({ ...ports, tasks: failAfter(ports.tasks) }), lane) };
};

/** An issue source whose first search waits until the test opens the gate. */
export const gatedIssueSource = (inner: IssueSource) => {
  const entered = deferred();
  const gate = deferred();
  let first = true;
  const source: IssueSource = {
    ...inner,
    searchIssues: (connection, query, cursor) => async () => {
      if (first) {
        first = false;
        entered.resolve();
        await gate.promise;
      }
      return inner.searchIssues(connection, query, cursor)();
    },
  };
  return { source, entered: entered.promise, open: gate.resolve };
};

/** The same providers, the one named `name` reading its items through `issues` instead. */
export const withIssueSource = (providers: ProviderRegistry, name: string, issues: IssueSource): ProviderRegistry => {
  const swap = (provider: Provider): Provider => (provider.description.name === name ? { ...provider, issues } : provider);
  return {
    find: (wanted) => {
      const found = providers.find(wanted);
      return found === undefined ? undefined : swap(found);
    },
    all: () => providers.all().map(swap),
  };
};

/** A unit of work whose every outbox append fails inside its transaction, so nothing of that transaction is kept. */
export const failingOutboxAppend = (inner: UnitOfWork): UnitOfWork => ({
  transaction: (work, lane) =>
    inner.transaction((ports) => work({ ...ports, outbox: { ...ports.outbox, append: () => TE.left(persistenceFailure('the outbox refused the event')) } }), lane),
});
