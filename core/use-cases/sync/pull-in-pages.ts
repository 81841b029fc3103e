import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { SyncRunId } from '../../domain/ids.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import { isStorableInstant } from '../../domain/storable-instant.js';
import type { SyncProgress } from '../../domain/sync-run.js';
import { pollIdempotencyKey } from '../../domain/task-event.js';
import { persistenceFailure, sourceUnavailable, type DomainError } from '../../errors.js';
import type { IssueQuery } from '../../ports/issue-source.js';
import { reachSourceRepeatedly } from '../source-connection.js';
import { coalescingWriter } from './coalescing-writer.js';
import { ingestPage, progressAfter, type IngestedPage } from './ingest-page.js';
import { DEFAULT_ID_SYNC, ITEMS_PER_WRITE } from './pull-by-ids.js';
import type { PullDeps, Pulled } from './pull-pages.js';
import type { RunGuard } from './run-guard.js';

// An update time no column holds (year 0, or 10000) was quarantined with its item, and must not
// move the watermark: a watermark in the year 10000 would end every later incremental sync at once.
const laterOf = (a: Date | null, b: Date): Date | null => (!isStorableInstant(b.getTime()) ? a : a === null || b.getTime() > a.getTime() ? b : a);

/** What one write stored, and the newest update time among its items. */
interface PagesWritten {
  readonly page: IngestedPage;
  readonly newest: Date | null;
}

/** A page handed to the writer and not yet settled: its items are held until then. */
interface Held {
  readonly items: number;
  readonly settled: Promise<void>;
}

/**
 * Every page of a query, one after the other (each page's cursor comes from the one before), written
 * as they arrive by a coalescing writer: while a write is out, the pages fetched meanwhile go together
 * in the next one (up to `itemsPerWrite` items), and a second write goes out beside it when a full
 * write's worth waits, as a sync by ids writes (coalescing-writer.ts). A page after page read is then
 * bound by the slower of fetching and writing, and when writing is the slower a write's fixed cost
 * (its transaction, its statements, its progress) is paid per thousand items rather than per page.
 * Pages are fetched ahead only while fewer than two writes' worth of items are held (fetched and not
 * yet settled), so memory stays bounded whatever the query's size.
 *
 * Each write's progress and the watermark (the newest update time written) are recorded in the order
 * the pages came, only once every earlier write was: a run that stops part-way keeps no watermark
 * beyond what is durably written. The guard runs before each tracker call and after each settled
 * write; the source is reached again for every page, so an OAuth token nearing its expiry during a
 * long sync is refreshed (and the refreshed connection kept for the next pages).
 */
export const pullInPages =
  (deps: PullDeps, connection: Connection, run: { readonly id: SyncRunId }, query: IssueQuery, start: SyncProgress, guard: RunGuard, onProgress: (progress: SyncProgress) => void) =>
  async (): Promise<E.Either<DomainError, Pulled>> => {
    const ingest = ingestPage(deps);
    const reachPage = reachSourceRepeatedly(deps);
    const maxItems = deps.idSync?.itemsPerWrite ?? ITEMS_PER_WRITE;
    let latest = connection;
    let progress = start;
    let watermark = query.updatedSince;
    let failure: DomainError | null = null;
    const fail = (error: DomainError) => void (failure ??= error);
    const unexpected = (error: unknown) => fail(persistenceFailure(`The sync stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`));

    /** After a failure nothing more is written: the run stops where the last settled write left it. */
    const write = async (issues: ReadonlyArray<SourceIssue>): Promise<E.Either<DomainError, PagesWritten> | null> => {
      if (failure !== null) return null;
      const keyed = issues.map((issue) => ({ issue, idempotencyKey: pollIdempotencyKey(connection, issue.externalId, issue.version) }));
      const written = await ingest(connection, run.id, keyed, deps.clock.now())();
      if (E.isLeft(written)) fail(written.left);
      return pipe(
        written,
        E.map((page) => ({ page, newest: issues.reduce((newest: Date | null, issue) => laterOf(newest, issue.updatedAt), null) })),
      );
    };
    // In the order the writes began, and only up to the first that failed or was skipped. A stop (a
    // cancel, a shutdown) ends no write already out: each is counted as it commits.
    let settling = true;
    const settle = async (written: E.Either<DomainError, PagesWritten> | null, pages: number) => {
      if (!settling || written === null || E.isLeft(written)) return void (settling = false);
      progress = progressAfter(progress, written.right.page, pages);
      if (written.right.newest !== null) watermark = laterOf(watermark, written.right.newest);
      onProgress(progress);
      if (failure !== null) return;
      const allowed = await guard(progress)();
      if (E.isLeft(allowed)) fail(allowed.left);
    };
    const writer = coalescingWriter(
      { write, settle },
      { maxItems, writesInFlight: deps.idSync?.writesInFlight ?? DEFAULT_ID_SYNC.writesInFlight, keyOf: (issue: SourceIssue) => issue.externalId },
    );

    const fetchPage = (cursor: string | null) =>
      pipe(
        guard(progress),
        TE.chainW(() => reachPage(latest)),
        TE.chainW((reach) => {
          latest = reach.current;
          return reach.provider.issues.searchIssues(reach.connection, query, cursor);
        }),
      )();

    // Pages settle in the order they were handed over, so waiting for the oldest frees the most held.
    const held: Held[] = [];
    let itemsHeld = 0;
    const hand = (issues: ReadonlyArray<SourceIssue>) => {
      itemsHeld += issues.length;
      held.push({ items: issues.length, settled: writer.submit(issues).catch(unexpected) });
    };
    const makeRoom = async () => {
      while (itemsHeld >= 2 * maxItems && held.length > 0) {
        const oldest = held.shift()!;
        await oldest.settled;
        itemsHeld -= oldest.items;
      }
    };

    const walk = async () => {
      let cursor: string | null = null;
      let next = fetchPage(null);
      for (;;) {
        const page = await next;
        if (E.isLeft(page)) return fail(page.left);
        const nextCursor = page.right.nextCursor;
        if (nextCursor !== null && nextCursor === cursor) return fail(sourceUnavailable('The provider returned the same page token twice; paging stopped'));
        hand(page.right.issues);
        if (nextCursor === null || failure !== null) return;
        cursor = nextCursor;
        await makeRoom();
        if (failure !== null) return;
        next = fetchPage(cursor);
      }
    };

    // A rejection here is a bug, but the run must still be closed rather than left running.
    await walk().catch(unexpected);
    await Promise.all(held.map((page) => page.settled));
    return failure === null ? E.right({ progress, watermark }) : E.left(failure);
  };
