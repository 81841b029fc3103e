import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { SyncRunId } from '../../domain/ids.js';
import { quarantinedItem, RUN_QUARANTINE_LIMIT, unstorableReason, type QuarantinedItem } from '../../domain/quarantine.js';
import { addCounts, zeroCounts, type SyncCounts, type SyncProgress } from '../../domain/sync-run.js';
import { describeError, type DomainError } from '../../errors.js';
import { ingestIssues, type IngestDeps, type KeyedIssue } from './ingest-issues.js';

/** What a page stored, and what it set aside. */
export interface IngestedPage {
  readonly counts: SyncCounts;
  readonly quarantine: ReadonlyArray<QuarantinedItem>;
}

const nothing: IngestedPage = { counts: zeroCounts, quarantine: [] };

const combine = (a: IngestedPage, b: IngestedPage): IngestedPage => ({ counts: addCounts(a.counts, b.counts), quarantine: [...a.quarantine, ...b.quarantine] });

const setAside = (items: ReadonlyArray<QuarantinedItem>): IngestedPage => ({ counts: { ...zeroCounts, quarantined: items.length }, quarantine: items });

/**
 * Writes `items` in one transaction. When the database refuses the values (not when it is down),
 * nothing of the batch was kept, so its items are written again one by one: only the item the
 * database refuses is set aside, with the database's reason.
 */
const writeIsolating =
  (deps: IngestDeps, connection: Connection, now: Date) =>
  (items: ReadonlyArray<KeyedIssue>): TE.TaskEither<DomainError, IngestedPage> =>
    pipe(
      ingestIssues(deps)(connection, 'poll', items, now),
      TE.map((counts): IngestedPage => ({ counts, quarantine: [] })),
      TE.orElse((error): TE.TaskEither<DomainError, IngestedPage> => {
        if (error._tag !== 'UnstorableData') return TE.left(error);
        if (items.length === 1) return TE.right(setAside([quarantinedItem(items[0]!.issue, describeError(error))]));
        return pipe(
          items,
          TE.traverseSeqArray((item) => writeIsolating(deps, connection, now)([item])),
          TE.map((pages) => pages.reduce(combine, nothing)),
        );
      }),
    );

/** Keeps the connection's quarantined items, so they stay visible after the run. */
const hold = (deps: IngestDeps, connection: Connection, runId: SyncRunId, items: ReadonlyArray<QuarantinedItem>, now: Date) =>
  items.length === 0
    ? TE.right(undefined)
    : deps.unitOfWork.transaction((ports) =>
        ports.quarantine.hold(
          items.map((item) => ({ ...item, organizationId: connection.organizationId, connectionId: connection.id, runId, firstQuarantinedAt: now, quarantinedAt: now })),
        ),
      );

/**
 * One page of a sync, stored so that one item never fails it: items the database could never take
 * are set aside before the write, and an item it refuses anyway is found by writing the page again
 * one item at a time. Each set-aside item is quarantined with its reason and left out of the
 * page's idempotency keys, so a later sync reading it again tries again. Any other failure (an
 * outage, a deleted connection) fails the page as before.
 */
export const ingestPage =
  (deps: IngestDeps) =>
  (connection: Connection, runId: SyncRunId, items: ReadonlyArray<KeyedIssue>, now: Date): TE.TaskEither<DomainError, IngestedPage> => {
    const refused: QuarantinedItem[] = [];
    const storable: KeyedIssue[] = [];
    for (const item of items) {
      const reason = unstorableReason(item.issue);
      if (reason === null) storable.push(item);
      else refused.push(quarantinedItem(item.issue, reason));
    }
    return pipe(
      writeIsolating(deps, connection, now)(storable),
      TE.map((written) => combine(setAside(refused), written)),
      TE.chainFirstW((page) => hold(deps, connection, runId, page.quarantine, now)),
    );
  };

/**
 * A run's progress after one more page (or `pages` batches written together) was written: counts
 * added, its quarantined items kept up to the run's limit.
 */
export const progressAfter = (progress: SyncProgress, page: IngestedPage, pages = 1): SyncProgress => ({
  ...progress,
  pages: progress.pages + pages,
  counts: addCounts(progress.counts, page.counts),
  quarantine: [...progress.quarantine, ...page.quarantine].slice(0, RUN_QUARANTINE_LIMIT),
});
