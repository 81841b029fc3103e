import { formatTable, truncate } from '../table.js';
import type { ConnectionView, RunView, TaskView } from './api-views.js';

const when = (iso: string | null) => (iso === null ? '-' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

const seconds = (run: RunView) =>
  run.startedAt === null || run.finishedAt === null ? '-' : `${((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s`;

export const connectionsTable = (connections: ReadonlyArray<ConnectionView>) =>
  formatTable(
    ['ID', 'PROVIDER', 'NAME', 'SITE', 'ENABLED', 'LAST SYNC', 'AT'],
    connections.map((c) => [c.id, c.provider, truncate(c.name, 30), truncate(c.site, 40), c.enabled ? 'yes' : 'no', c.syncState.lastSyncStatus, when(c.syncState.lastSyncAt)]),
  );

export const connectionDetails = (connection: ConnectionView & Record<string, unknown>) => {
  const shown = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  const width = Math.max(...Object.keys(connection).map((k) => k.length));
  return Object.entries(connection)
    .map(([key, value]) => `${key.padEnd(width)}  ${shown(value)}`)
    .join('\n');
};

export const runsTable = (runs: ReadonlyArray<RunView>) =>
  formatTable(
    ['RUN', 'TRIGGER', 'MODE', 'STATUS', 'QUEUED', 'PAGES', 'ITEMS', 'CREATED', 'UPDATED', 'TOOK'],
    runs.map((r) => [r.id, r.trigger, r.mode, r.status, when(r.queuedAt), String(r.pages), String(r.counts.issuesProcessed), String(r.counts.created), String(r.counts.updated), seconds(r)]),
  );

export const runSummary = (run: RunView) =>
  `Run ${run.id} ${run.status}: ${run.counts.issuesProcessed} items in ${run.pages} page(s), ${run.counts.created} created, ${run.counts.updated} updated, ` +
  `${run.counts.unchanged} unchanged, ${run.counts.skipped} skipped${run.error === null ? '' : ` (${run.error})`}`;

export const tasksTable = (tasks: ReadonlyArray<TaskView>) =>
  formatTable(
    ['KEY', 'STATUS', 'PRIORITY', 'UPDATED', 'TITLE'],
    tasks.map((task) => [task.key, task.status, task.priority, when(task.externalUpdatedAt), truncate(task.title, 60)]),
  );
