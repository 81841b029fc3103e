import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { asEntityId, asOrganizationId, type SyncScheduleStore } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';

/**
 * Claims due slots in one statement: the due rows are locked (`skip locked`, so concurrent workers
 * take different ones), their next time moves forward by the interval plus jitter, and only then
 * are they answered. A sync that is due wins over a sweep; a connection with an open run, a paused
 * schedule (paused after its last change) or a grant needing a person is not due.
 */
const CLAIM_DUE = `
with due as (
  select c.id, (c.next_sync_at is null or c.next_sync_at <= ?::timestamptz) as sync_due
  from integration_connections c
  where c.enabled and c.polling_enabled
    and coalesce(c.oauth_grant->>'status', 'active') = 'active'
    and (c.sync_paused_at is null or c.sync_paused_at < c.updated_at)
    and (c.next_sync_at is null or c.next_sync_at <= ?::timestamptz or c.next_sweep_at <= ?::timestamptz)
    and not exists (select 1 from sync_runs r where r.organization_id = c.organization_id and r.connection_id = c.id and r.status in ('queued', 'running'))
  order by least(coalesce(c.next_sync_at, '-infinity'), coalesce(c.next_sweep_at, 'infinity'))
  limit ?
  for update of c skip locked
)
update integration_connections c set
  next_sync_at = case when due.sync_due
    then ?::timestamptz + make_interval(secs => greatest(c.sync_interval_seconds, ?) * (1 + ? * random())) else c.next_sync_at end,
  next_sweep_at = case
    when not due.sync_due then ?::timestamptz + make_interval(secs => ? * (1 + ? * random()))
    when c.next_sweep_at is null then ?::timestamptz + make_interval(secs => ? * random())
    else c.next_sweep_at end
from due where c.id = due.id
returning c.organization_id, c.id, due.sync_due`;

export const postgresSyncSchedule = (em: EntityManagerSource): SyncScheduleStore => ({
  claimDue: (now, policy, limit) =>
    pipe(
      attempt('Claiming due syncs', () =>
        executeBound<{ organization_id: string; id: string; sync_due: boolean }>(em(), CLAIM_DUE, [
          now,
          now,
          now,
          limit,
          now,
          policy.minIntervalSeconds,
          policy.jitter,
          now,
          policy.sweepIntervalSeconds,
          policy.jitter,
          now,
          policy.sweepIntervalSeconds,
        ]),
      ),
      TE.map((rows) =>
        rows.map((row) => ({ organizationId: asOrganizationId(row.organization_id), connectionId: asEntityId(row.id), mode: row.sync_due ? ('incremental' as const) : ('sweep' as const) })),
      ),
    ),
  pause: (organizationId, connectionId, pause) =>
    pipe(
      attempt('Pausing the schedule', () =>
        isUuid(connectionId)
          ? executeBound(em(), 'update integration_connections set sync_paused_at = ?::timestamptz, sync_paused_reason = ? where id = ? and organization_id = ?', [
              pause?.at ?? null,
              pause?.reason ?? null,
              connectionId,
              organizationId,
            ])
          : Promise.resolve([]),
      ),
      TE.map(() => undefined),
    ),
  recordSweep: (organizationId, connectionId, at) =>
    pipe(
      attempt('Recording the sweep', () =>
        isUuid(connectionId)
          ? executeBound(em(), 'update integration_connections set last_sweep_at = ?::timestamptz where id = ? and organization_id = ?', [at, connectionId, organizationId])
          : Promise.resolve([]),
      ),
      TE.map(() => undefined),
    ),
});
