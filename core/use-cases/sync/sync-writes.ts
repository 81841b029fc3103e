import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { SyncRunId } from '../../domain/ids.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import { isStorableInstant } from '../../domain/storable-instant.js';
import type { SyncProgress } from '../../domain/sync-run.js';
import { pollIdempotencyKey } from '../../domain/task-event.js';
import { persistenceFailure, type DomainError } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import { coalescingWriter } from './coalescing-writer.js';
import type { IngestDeps } from './ingest-issues.js';
import { ingestPage, progressAfter, type IngestedPage } from './ingest-page.js';
import type { RunGuard } from './run-guard.js';

// An update time no column holds (year 0, or 10000) was quarantined with its item, and must not
// move the watermark: a watermark in the year 10000 would end every later incremental sync at once.
const laterOf = (a: Date | null, b: Date): Date | null => (!isStorableInstant(b.getTime()) ? a : a === null || b.getTime() > a.getTime() ? b : a);

/** What one write stored, and the newest update time among its items. */
interface Written {
  readonly page: IngestedPage;
  readonly newest: Date | null;
}

/**
 * The most items one write takes when fetched batches wait to be written together. A write's fixed
 * cost (its transaction, eight statements, a commit, its progress) is paid once per write: at 1,000
 * the bench's first sync by ids of 20,000 items in batches of 100 was faster than at 500 in nine pairs
 * of ten, for the same CPU (docs/performance.md, seventh pass). Writes are this large only when behind.
 */
export const ITEMS_PER_WRITE = 1000;

/**
 * Two writes out at once: while PostgreSQL runs one, the sync prepares the other. The first syncs by
 * ids of all three trackers were faster with two than with one in every pair measured, their 429
 * storms no slower (docs/performance.md, seventh pass).
 */
export const DEFAULT_WRITES_IN_FLIGHT = 2;

/** How a sync writes what it fetched: items a write at most (ITEMS_PER_WRITE), and writes out at once (DEFAULT_WRITES_IN_FLIGHT). */
export interface SyncWriteLimits {
  readonly itemsPerWrite?: number;
  readonly writesInFlight?: number;
}

/**
 * The writes of one sync run, for whatever fetches its items (page after page, or by ids): the
 * fetched batches go to a coalescing writer (coalescing-writer.ts: batches that arrive during a write
 * go together in the next, a second write out when a full write's worth waits, no item in two writes
 * out at once), each write idempotent, and each write's progress recorded (`onProgress`, then the
 * guard) only once every earlier write was, and only up to the first that failed: the progress and
 * the newest update time it answers never count a write an earlier one has not. A stop (a cancel, a
 * shutdown) ends no write already out: each is counted as it commits. After the first failure
 * (`fail`, a write's, or the guard's) nothing more is written.
 */
export const syncWrites = (
  deps: IngestDeps & { readonly clock: Clock },
  connection: Connection,
  runId: SyncRunId,
  start: SyncProgress,
  guard: RunGuard,
  onProgress: (progress: SyncProgress) => void,
  limits: SyncWriteLimits,
) => {
  const ingest = ingestPage(deps);
  const itemsPerWrite = limits.itemsPerWrite ?? ITEMS_PER_WRITE;
  let progress = start;
  let newest: Date | null = null;
  let failure: DomainError | null = null;
  const fail = (error: DomainError) => void (failure ??= error);
  // A rejection in the reading or writing is a bug, but the run must still be closed rather than left running.
  const failUnexpectedly = (error: unknown) => fail(persistenceFailure(`The sync stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`));

  const write = async (issues: ReadonlyArray<SourceIssue>): Promise<E.Either<DomainError, Written> | null> => {
    if (failure !== null) return null;
    const keyed = issues.map((issue) => ({ issue, idempotencyKey: pollIdempotencyKey(connection, issue.externalId, issue.version) }));
    const written = await ingest(connection, runId, keyed, deps.clock.now())();
    if (E.isLeft(written)) fail(written.left);
    return pipe(
      written,
      E.map((page) => ({ page, newest: issues.reduce((latest: Date | null, issue) => laterOf(latest, issue.updatedAt), null) })),
    );
  };
  let settling = true;
  const settle = async (written: E.Either<DomainError, Written> | null, batches: number) => {
    if (!settling || written === null || E.isLeft(written)) return void (settling = false);
    progress = progressAfter(progress, written.right.page, batches);
    if (written.right.newest !== null) newest = laterOf(newest, written.right.newest);
    onProgress(progress);
    if (failure !== null) return;
    const allowed = await guard(progress)();
    if (E.isLeft(allowed)) fail(allowed.left);
  };
  const writer = coalescingWriter(
    { write, settle },
    { maxItems: itemsPerWrite, writesInFlight: limits.writesInFlight ?? DEFAULT_WRITES_IN_FLIGHT, keyOf: (issue: SourceIssue) => issue.externalId },
  );

  return {
    /** Resolves once the batch's write was settled (rejects only on a bug in a write or settle). */
    submit: writer.submit,
    fail,
    failUnexpectedly,
    /** Items one write takes at most, the limits' or the default. */
    itemsPerWrite,
    failure: (): DomainError | null => failure,
    progress: (): SyncProgress => progress,
    /** The newest storable update time among the settled writes' items, or null before any. */
    newest: (): Date | null => newest,
  };
};

/** `since` moved to the newest update time written, if later. */
export const watermarkAfter = (since: Date | null, newest: Date | null): Date | null => (newest === null ? since : laterOf(since, newest));
