import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { OPEN_RUN_STATUSES, syncInProgress, type RunSignal, type SyncRun, type SyncRunRepository } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, failureOf, isUuid, violatedUniqueConstraint, type EntityManagerSource } from './database-call.js';
import { toSyncRun, toSyncRunRecord } from './schema/sync-run.mapper.js';
import { ONE_OPEN_RUN_PER_CONNECTION, SyncRunSchema } from './schema/sync-run.schema.js';

const CLAIM = `
update sync_runs set status = 'running', started_at = coalesce(started_at, ?::timestamptz), lease_expires_at = ?::timestamptz
where id = ? and organization_id = ? and status = 'queued'
returning id`;

// Counts only grow: a check made while the next page was prefetched may arrive after a newer one.
// The run's connection is read in the same statement: a page's check is one round trip, not two.
const PROGRESS = `
with recorded as (
  update sync_runs set pages = greatest(pages, ?), issues_processed = greatest(issues_processed, ?), created_count = greatest(created_count, ?),
    updated_count = greatest(updated_count, ?), unchanged_count = greatest(unchanged_count, ?), skipped_count = greatest(skipped_count, ?),
    quarantine = case when quarantined_count < ? then ?::jsonb else quarantine end, quarantined_count = greatest(quarantined_count, ?),
    deleted_count = greatest(deleted_count, ?), out_of_scope_count = greatest(out_of_scope_count, ?), back_in_scope_count = greatest(back_in_scope_count, ?),
    lease_expires_at = greatest(lease_expires_at, ?::timestamptz)
  where id = ? and organization_id = ? and status = 'running'
  returning cancel_requested
)
select (select enabled from integration_connections where id = ?::uuid and organization_id = ?) as connection_enabled,
  (select cancel_requested from recorded) as cancel_requested`;

interface ProgressRow {
  readonly connection_enabled: boolean | null;
  readonly cancel_requested: boolean | null;
}

const signalOf = (row: ProgressRow | undefined): RunSignal => {
  if (row === undefined || row.connection_enabled === null) return 'connection-deleted';
  if (!row.connection_enabled) return 'connection-disabled';
  if (row.cancel_requested === null) return 'lost';
  return row.cancel_requested ? 'cancel' : 'continue';
};

const CANCEL_QUEUED = `
update sync_runs set status = 'cancelled', error = 'The sync was cancelled', failure_code = 'SyncStopped', finished_at = ?::timestamptz
where id = ? and organization_id = ? and connection_id = ? and status = 'queued'
returning id`;

const CANCEL_RUNNING = `
update sync_runs set cancel_requested = true where id = ? and organization_id = ? and connection_id = ? and status = 'running' returning id`;

const CLOSE_EXPIRED = `
update sync_runs set status = 'interrupted', error = ?, failure_code = 'SyncStopped', finished_at = ?::timestamptz, lease_expires_at = null
where status = 'running' and lease_expires_at < ?::timestamptz
returning id`;

/** What `finish` may write: never the identity, the tenant, what was asked and by whom, or a cancel request. */
const outcomeOf = (run: SyncRun) => {
  const { id: _i, organizationId: _o, connectionId: _c, trigger: _t, mode: _m, queuedAt: _q, cancelRequested: _r, requestedBy: _b, requestId: _q2, ...outcome } = toSyncRunRecord(run);
  return outcome;
};

export const postgresSyncRunRepository = (em: EntityManagerSource): SyncRunRepository => {
  const byIds = (ids: ReadonlyArray<string>) =>
    ids.length === 0 ? Promise.resolve([]) : em().find(SyncRunSchema, { id: { $in: [...ids] } }, { disableIdentityMap: true, orderBy: { queuedAt: 'asc' } });
  const one = (organizationId: string, id: string) => em().findOne(SyncRunSchema, { id, organizationId }, { disableIdentityMap: true });
  return {
    open: (run) =>
      pipe(
        TE.tryCatch(
          () => em().insert(SyncRunSchema, toSyncRunRecord(run)),
          (error) => (violatedUniqueConstraint(error) === ONE_OPEN_RUN_PER_CONNECTION ? syncInProgress(run.connectionId) : failureOf('Queueing the sync run')(error)),
        ),
        TE.map(() => run),
      ),
    claim: (organizationId, id, now, leaseUntil) =>
      attempt('Starting the sync run', async () => {
        if (!isUuid(id)) return null;
        const claimed = await executeBound<{ id: string }>(em(), CLAIM, [now, leaseUntil, id, organizationId]);
        const record = claimed.length === 0 ? null : await one(organizationId, id);
        return record === null ? null : toSyncRun(record);
      }),
    recordProgress: (run, progress, leaseUntil) =>
      attempt('Recording the sync progress', async () => {
        const { counts: c, sweep: s } = progress;
        const quarantine = progress.quarantine.length === 0 ? null : JSON.stringify(progress.quarantine);
        const values = [progress.pages, c.issuesProcessed, c.created, c.updated, c.unchanged, c.skipped, c.quarantined, quarantine, c.quarantined, s.deleted, s.outOfScope, s.backInScope, leaseUntil];
        const [row] = await executeBound<ProgressRow>(em(), PROGRESS, [...values, run.id, run.organizationId, run.connectionId, run.organizationId]);
        return signalOf(row);
      }),
    renewLease: (organizationId, id, leaseUntil) =>
      pipe(
        attempt('Renewing the sync lease', () => em().nativeUpdate(SyncRunSchema, { id, organizationId, status: 'running' }, { leaseExpiresAt: leaseUntil })),
        TE.map(() => undefined),
      ),
    finish: (run) =>
      pipe(
        attempt('Finishing the sync run', () =>
          isUuid(run.id)
            ? em().nativeUpdate(SyncRunSchema, { id: run.id, organizationId: run.organizationId, status: { $in: [...OPEN_RUN_STATUSES] } }, outcomeOf(run))
            : Promise.resolve(0),
        ),
        TE.map((count) => (count === 0 ? null : run)),
      ),
    requestCancel: (organizationId, connectionId, id, now) =>
      attempt('Cancelling the sync run', async () => {
        if (!isUuid(id) || !isUuid(connectionId)) return null;
        const queued = await executeBound<{ id: string }>(em(), CANCEL_QUEUED, [now, id, organizationId, connectionId]);
        const running = queued.length > 0 ? queued : await executeBound<{ id: string }>(em(), CANCEL_RUNNING, [id, organizationId, connectionId]);
        const record = running.length === 0 ? null : await one(organizationId, id);
        return record === null ? null : toSyncRun(record);
      }),
    closeExpired: (now, reason) =>
      attempt('Closing interrupted sync runs', async () => {
        const closed = await executeBound<{ id: string }>(em(), CLOSE_EXPIRED, [reason, now, now]);
        return (await byIds(closed.map((row) => row.id))).map(toSyncRun);
      }),
    findQueuedBefore: (before, limit) =>
      pipe(
        attempt('Reading waiting sync runs', () =>
          em().find(SyncRunSchema, { status: 'queued', queuedAt: { $lt: before } }, { orderBy: { queuedAt: 'asc' }, limit, disableIdentityMap: true }),
        ),
        TE.map((records) => records.map(toSyncRun)),
      ),
    findById: (organizationId, connectionId, id) =>
      attempt('Reading the sync run', async () => {
        if (!isUuid(id) || !isUuid(connectionId)) return null;
        const record = await em().findOne(SyncRunSchema, { id, organizationId, connectionId }, { disableIdentityMap: true });
        return record === null ? null : toSyncRun(record);
      }),
    listForConnection: (organizationId, connectionId, limit) =>
      pipe(
        attempt('Listing sync runs', () =>
          isUuid(connectionId)
            ? em().find(SyncRunSchema, { organizationId, connectionId }, { orderBy: { queuedAt: 'desc', id: 'desc' }, limit, disableIdentityMap: true })
            : Promise.resolve([]),
        ),
        TE.map((records) => records.map(toSyncRun)),
      ),
  };
};
