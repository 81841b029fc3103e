import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { SyncNowInputCodec } from '../codecs/sync-input.js';
import type { Connection } from '../domain/connection.js';
import { asEntityId, type ConnectionId, type OrganizationId } from '../domain/ids.js';
import { addCounts, zeroCounts, type SyncCounts, type SyncMode, type SyncReport, type SyncRun, type SyncTrigger } from '../domain/sync-run.js';
import { pollIdempotencyKey } from '../domain/task-event.js';
import { connectionDisabled, describeError, persistenceFailure, type DomainError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { IssuePage, IssueQuery } from '../ports/issue-source.js';
import type { SyncLock } from '../ports/sync-lock.js';
import type { SyncRunRepository } from '../ports/sync-run-repository.js';
import { ingestIssues, type IngestDeps } from './sync/ingest-issues.js';
import { walkPages } from './sync/page-loop.js';
import { loadConnection } from './load-connection.js';
import { reachSource, type ReachSourceDeps } from './source-connection.js';

export interface SyncNowDeps extends IngestDeps, ReachSourceDeps {
  readonly connections: ConnectionRepository;
  readonly syncRuns: SyncRunRepository;
  readonly syncLock: SyncLock;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface SyncNowCommand {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly trigger?: SyncTrigger;
  /** Optional body: `{ mode: 'incremental' | 'full' }`. Incremental is the default. */
  readonly options?: unknown;
}

interface Progress {
  readonly counts: SyncCounts;
  readonly watermark: Date | null;
}

const laterOf = (a: Date | null, b: Date): Date => (a === null || b.getTime() > a.getTime() ? b : a);

const queryFor = (connection: Connection, mode: SyncMode): IssueQuery => ({
  updatedSince: mode === 'incremental' && connection.syncState.cursor !== null ? new Date(connection.syncState.cursor) : null,
  projectKeys: connection.projectScope,
});

/**
 * Reached again for every page: an OAuth token that nears its expiry during a long sync is refreshed.
 * The latest connection is kept, so after a refresh the next pages see the new expiry and read nothing.
 */
const pageFetcher = (deps: SyncNowDeps, connection: Connection, query: IssueQuery) => {
  let latest = connection;
  return (cursor: string | null) =>
    pipe(
      reachSource(deps)(latest),
      TE.chainW((reach) => {
        latest = reach.current;
        return reach.provider.issues.searchIssues(reach.connection, query, cursor);
      }),
    )();
};

const pullAllPages = (deps: SyncNowDeps, connection: Connection, mode: SyncMode) => {
  const query = queryFor(connection, mode);
  const ingest = ingestIssues(deps);
  const handle = async (progress: Progress, page: IssuePage) => {
    const keyed = page.issues.map((issue) => ({ issue, idempotencyKey: pollIdempotencyKey(connection, issue.externalId, issue.version) }));
    const counts = await ingest(connection, 'poll', keyed, deps.clock.now())();
    return pipe(
      counts,
      E.map((c) => ({
        counts: addCounts(progress.counts, c),
        watermark: page.issues.reduce((w, issue) => laterOf(w, issue.updatedAt), progress.watermark),
      })),
    );
  };
  const initial: Progress = { counts: zeroCounts, watermark: query.updatedSince };
  // A rejection here is a bug, but the run must still be closed as failed rather than left running.
  return () =>
    walkPages(pageFetcher(deps, connection, query), handle, initial).catch((error: unknown) =>
      E.left(persistenceFailure(`The sync stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`)),
    );
};

const finishRun = (deps: SyncNowDeps, connection: Connection, run: SyncRun, outcome: E.Either<DomainError, Progress>) => {
  const finishedAt = deps.clock.now();
  const previous = connection.syncState;
  const finished: SyncRun = E.isRight(outcome)
    ? { ...run, status: 'succeeded', counts: outcome.right.counts, finishedAt }
    : { ...run, status: 'failed', error: describeError(outcome.left), finishedAt };
  const state = E.isRight(outcome)
    ? { cursor: outcome.right.watermark?.toISOString() ?? previous.cursor, lastSyncAt: finishedAt, lastSyncStatus: 'succeeded' as const, lastSyncError: null }
    : { ...previous, lastSyncAt: finishedAt, lastSyncStatus: 'failed' as const, lastSyncError: finished.error };
  return pipe(
    deps.syncRuns.finish(finished),
    TE.chainW(() => deps.connections.recordSyncState(connection.organizationId, connection.id, state)),
    TE.chainW(() => TE.fromEither(outcome)),
    TE.map(
      (progress): SyncReport => ({
        runId: run.id,
        status: 'succeeded',
        mode: run.mode,
        ...progress.counts,
        startedAt: run.startedAt,
        finishedAt,
        cursor: state.cursor,
      }),
    ),
  );
};

const runSync = (deps: SyncNowDeps, connection: Connection, mode: SyncMode, trigger: SyncTrigger) => {
  const run: SyncRun = {
    id: asEntityId(deps.ids.next()),
    organizationId: connection.organizationId,
    connectionId: connection.id,
    trigger,
    mode,
    status: 'running',
    counts: zeroCounts,
    error: null,
    startedAt: deps.clock.now(),
    finishedAt: null,
  };
  return pipe(
    deps.syncRuns.insert(run),
    TE.chainW(() => TE.fromTask(pullAllPages(deps, connection, mode))),
    TE.chainW((outcome) => finishRun(deps, connection, run, outcome)),
  );
};

/**
 * One sync of one connection: every page from the tracker is ingested idempotently, the connection
 * remembers how far it got, and the run is kept as history. A second sync of the same connection
 * while one runs is refused with `SyncInProgress`.
 */
export const syncNow =
  (deps: SyncNowDeps) =>
  (command: SyncNowCommand): TE.TaskEither<DomainError, SyncReport> =>
    pipe(
      TE.fromEither(decodeInput(SyncNowInputCodec)(command.options ?? {})),
      TE.bindTo('options'),
      TE.bindW('connection', () => loadConnection(deps.connections)(command.organizationId, command.connectionId)),
      TE.chainFirstW(({ connection }) => (connection.enabled ? TE.right(connection) : TE.left(connectionDisabled(connection.id)))),
      // Fails fast, before a run is recorded, when the source cannot be reached at all (reauthorization, no adapter).
      TE.chainFirstW(({ connection }) => reachSource(deps)(connection)),
      TE.chainW(({ options, connection }) =>
        deps.syncLock.withLock(
          connection.organizationId,
          connection.id,
          // Re-read under the lock: a sync that just finished may have moved the cursor.
          pipe(
            loadConnection(deps.connections)(connection.organizationId, connection.id),
            TE.chainW((fresh) => runSync(deps, fresh, options.mode ?? 'incremental', command.trigger ?? 'manual')),
          ),
        ),
      ),
    );
