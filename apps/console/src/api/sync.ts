import * as t from 'io-ts';
import { nullable } from './codecs';

const CountsCodec = t.type({ issuesProcessed: t.number, created: t.number, updated: t.number, unchanged: t.number, skipped: t.number });
export type SyncCounts = t.TypeOf<typeof CountsCodec>;

export const SyncRunCodec = t.type({
  id: t.string,
  trigger: t.string,
  mode: t.string,
  status: t.string,
  counts: CountsCodec,
  error: nullable(t.string),
  startedAt: t.string,
  finishedAt: nullable(t.string),
});
export type SyncRun = t.TypeOf<typeof SyncRunCodec>;

export const SyncReportCodec = t.intersection([
  t.type({ runId: t.string, status: t.string, mode: t.string }),
  CountsCodec,
  t.partial({ startedAt: t.string, finishedAt: t.string }),
]);
export type SyncReport = t.TypeOf<typeof SyncReportCodec>;
