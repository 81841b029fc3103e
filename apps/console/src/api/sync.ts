import * as t from 'io-ts';
import { nullable } from './codecs';

const CountsCodec = t.type({ issuesProcessed: t.number, created: t.number, updated: t.number, unchanged: t.number, skipped: t.number });
export type SyncCounts = t.TypeOf<typeof CountsCodec>;

/** A run waits (`queued`) for a worker, runs, then ends in one of the other states for good. */
export const OPEN_RUN_STATUSES: ReadonlyArray<string> = ['queued', 'running'];

/** One sync run as `GET .../sync-runs[/:runId]` answers it: its progress while it runs, its outcome after. */
export const SyncRunCodec = t.intersection([
  t.type({
    id: t.string,
    trigger: t.string,
    mode: t.string,
    // queued | running | succeeded | failed | cancelled | interrupted
    status: t.string,
    counts: CountsCodec,
    error: nullable(t.string),
    queuedAt: t.string,
    startedAt: nullable(t.string),
    finishedAt: nullable(t.string),
  }),
  t.partial({ pages: t.number, cancelRequested: t.boolean, attempt: t.number }),
]);
export type SyncRun = t.TypeOf<typeof SyncRunCodec>;

export const isOpenRun = (run: SyncRun): boolean => OPEN_RUN_STATUSES.includes(run.status);

/** The answer of `sync-now` with `Prefer: respond-async`: the queued run to follow. */
export const QueuedSyncCodec = t.type({ runId: t.string, status: t.string });
