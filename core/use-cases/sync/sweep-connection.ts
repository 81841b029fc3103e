import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import type { SweepCounts, SyncProgress } from '../../domain/sync-run.js';
import type { TaskRepository, TaskScopeState } from '../../ports/task-repository.js';
import { sourceAuthRejected, type DomainError } from '../../errors.js';
import { reachSource, type ReachableSource } from '../source-connection.js';
import type { PullDeps } from './pull-pages.js';
import type { RunGuard } from './run-guard.js';
import { writeSweep, type SweepPlan } from './write-sweep.js';

export type SweepDeps = PullDeps & { readonly tasks: TaskRepository };

/** Reaches the source again for each call, keeping the connection an OAuth refresh may have replaced. */
const reacher = (deps: SweepDeps, connection: Connection) => {
  let latest = connection;
  return () =>
    pipe(
      reachSource(deps)(latest),
      TE.map((reach) => ((latest = reach.current), reach)),
    );
};

/** Every id the connection syncs, page after page, with the guard before each call. */
const walkAllIds = (reach: ReturnType<typeof reacher>, connection: Connection, progress: SyncProgress, guard: RunGuard): TE.TaskEither<DomainError, ReadonlySet<string>> => {
  const scope = { projectKeys: connection.projectScope };
  const walked = new Set<string>();
  const step = (cursor: string | null, pages: number): TE.TaskEither<DomainError, ReadonlySet<string>> =>
    pipe(
      guard({ ...progress, pages: progress.pages + pages }),
      TE.chainW(reach),
      TE.chainW((reach) => reach.provider.issues.walkIds(reach.connection, scope, cursor)),
      TE.chainW((page) => {
        page.ids.forEach((id) => walked.add(id));
        return page.nextCursor === null || page.nextCursor === cursor ? TE.right(walked) : step(page.nextCursor, pages + 1);
      }),
    );
  return step(null, 0);
};

/**
 * Lost access must never read as an empty tracker: before a sweep marks every live task deleted,
 * the credentials must be confirmed by the provider's own connection test.
 */
const confirmAccess = (reach: ReachableSource, wouldRemoveAll: boolean): TE.TaskEither<DomainError, void> =>
  !wouldRemoveAll
    ? TE.right(undefined)
    : pipe(
        TE.fromTask(reach.provider.issues.testConnection(reach.connection)),
        TE.chainW((test) =>
          test.connected
            ? TE.right(undefined)
            : TE.left(sourceAuthRejected(`The tracker showed none of the connection's items and its credentials could not be confirmed (${test.message}); nothing was marked deleted`)),
        ),
      );

const planOf = (reach: ReachableSource, states: ReadonlyArray<TaskScopeState>, walked: ReadonlySet<string>) => {
  const live = states.filter((s) => !s.deleted && !s.outOfScope).map((s) => s.externalId);
  const missing = live.filter((id) => !walked.has(id));
  const backInScope = states.filter((s) => !s.deleted && s.outOfScope && walked.has(s.externalId)).map((s) => s.externalId);
  const none = TE.right<DomainError, ReadonlyArray<SourceIssue>>([]);
  return pipe(
    // Items that entered the scope after the walk passed them (a webhook, a late edit) are not missing.
    missing.length === 0 ? none : reach.provider.issues.fetchIssues(reach.connection, missing),
    TE.map((inScope) => new Set(inScope.map((issue) => issue.externalId))),
    TE.map((inScope) => missing.filter((id) => !inScope.has(id))),
    TE.bindTo('absent'),
    TE.bindW('elsewhere', ({ absent }) => (absent.length === 0 ? none : reach.provider.issues.lookUpIssues(reach.connection, absent))),
    TE.chainFirstW(({ absent, elsewhere }) => confirmAccess(reach, live.length > 0 && absent.length === live.length && elsewhere.length === 0)),
    TE.bindW('returned', () => (backInScope.length === 0 ? none : reach.provider.issues.fetchIssues(reach.connection, backInScope))),
    TE.map(({ absent, elsewhere, returned }): SweepPlan => {
      const stillThere = new Set(elsewhere.map((issue) => issue.externalId));
      return { gone: absent.filter((id) => !stillThere.has(id)), outOfScope: elsewhere, backInScope: returned };
    }),
  );
};

/**
 * The reconciliation sweep: walks the ids the connection syncs and compares them with the stored
 * tasks of its tracker instance. A live task missing from the walk is looked up: an item the tracker
 * still has elsewhere is marked out of scope (with its new key and project), one it does not have is
 * marked deleted. An out-of-scope task seen again in the walk is brought back. A walk refused for
 * the credentials changes nothing.
 */
export const sweepConnection =
  (deps: SweepDeps) =>
  (connection: Connection, progress: SyncProgress, guard: RunGuard): TE.TaskEither<DomainError, SweepCounts> => {
    const reach = reacher(deps, connection);
    return pipe(
      TE.Do,
      TE.bind('walked', () => walkAllIds(reach, connection, progress, guard)),
      TE.bindW('states', () => deps.tasks.scopeStates(connection.organizationId, connection.provider, connection.site)),
      TE.bindW('reach', reach),
      TE.bindW('plan', ({ reach, states, walked }) => planOf(reach, states, walked)),
      TE.chainFirstW(() => guard(progress)),
      TE.chainW(({ plan }) => writeSweep(deps)(connection, plan, deps.clock.now())),
    );
  };
