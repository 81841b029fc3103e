import * as t from 'io-ts';

/** The fields of the API's answers the CLI shows: narrow codecs, so a new field never breaks it. */
const nullableString = t.union([t.string, t.null]);

export const ConnectionView = t.type({
  id: t.string,
  provider: t.string,
  name: t.string,
  baseUrl: t.string,
  site: t.string,
  enabled: t.boolean,
  pollingEnabled: t.boolean,
  syncState: t.type({ lastSyncAt: nullableString, lastSyncStatus: t.string, lastSyncError: nullableString }),
});
export type ConnectionView = t.TypeOf<typeof ConnectionView>;

export const ConnectionTest = t.type({ connected: t.boolean, message: t.string });

const Counts = t.type({ issuesProcessed: t.number, created: t.number, updated: t.number, unchanged: t.number, skipped: t.number });

export const RunView = t.type({
  id: t.string,
  trigger: t.string,
  mode: t.string,
  status: t.string,
  pages: t.number,
  counts: Counts,
  error: nullableString,
  queuedAt: t.string,
  startedAt: nullableString,
  finishedAt: nullableString,
});
export type RunView = t.TypeOf<typeof RunView>;

export const QueuedRun = t.type({ runId: t.string, status: t.string });

export const TaskView = t.type({ key: t.string, title: t.string, status: t.string, priority: t.string, externalUpdatedAt: t.string });
export type TaskView = t.TypeOf<typeof TaskView>;
