import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { asEntityId, asOrganizationId, type IssueQuarantine, type QuarantinedIssue } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';
import { QuarantinedIssueSchema, type QuarantinedIssueRecord } from './schema/quarantined-issue.schema.js';

// One statement for a whole batch, its rows in one JSON parameter; the first time is kept.
const HOLD = `
insert into quarantined_issues (organization_id, connection_id, external_id, key, version, reason, run_id, first_quarantined_at, quarantined_at)
select r->>0, (r->>1)::uuid, r->>2, r->>3, r->>4, r->>5, (r->>6)::uuid, (r->>7)::timestamptz, (r->>8)::timestamptz
from jsonb_array_elements(?::jsonb) as r
on conflict (organization_id, connection_id, external_id) do update set
  key = excluded.key, version = excluded.version, reason = excluded.reason, run_id = excluded.run_id, quarantined_at = excluded.quarantined_at`;

const RELEASE = `
delete from quarantined_issues where organization_id = ? and connection_id = ?::uuid and external_id in (select jsonb_array_elements_text(?::jsonb))`;

const FORGET_CONNECTION = 'delete from quarantined_issues where organization_id = ? and connection_id = ?::uuid';

const rowOf = (e: QuarantinedIssue) => [e.organizationId, e.connectionId, e.externalId, e.key, e.version, e.reason, e.runId, e.firstQuarantinedAt, e.quarantinedAt];

// The same item twice in one batch would make `on conflict` touch a row twice: the last one wins.
const lastOfEach = (entries: ReadonlyArray<QuarantinedIssue>) => [...new Map(entries.map((e) => [`${e.organizationId}\u0000${e.connectionId}\u0000${e.externalId}`, e])).values()];

const toQuarantinedIssue = (r: QuarantinedIssueRecord): QuarantinedIssue => ({
  organizationId: asOrganizationId(r.organizationId),
  connectionId: asEntityId(r.connectionId),
  externalId: r.externalId,
  key: r.key,
  version: r.version,
  reason: r.reason,
  runId: r.runId === null ? null : asEntityId(r.runId),
  firstQuarantinedAt: r.firstQuarantinedAt,
  quarantinedAt: r.quarantinedAt,
});

/** The quarantine on PostgreSQL: writes go through the unit of work's transaction when there is one. */
export const postgresIssueQuarantine = (em: EntityManagerSource): IssueQuarantine => ({
  hold: (entries) =>
    entries.length === 0
      ? TE.right(undefined)
      : pipe(
          attempt('Quarantining items', () => executeBound(em(), HOLD, [JSON.stringify(lastOfEach(entries).map(rowOf))])),
          TE.map(() => undefined),
        ),
  release: (organizationId, connectionId, externalIds) =>
    externalIds.length === 0 || !isUuid(connectionId)
      ? TE.right(undefined)
      : pipe(
          attempt('Releasing quarantined items', () => executeBound(em(), RELEASE, [organizationId, connectionId, JSON.stringify(externalIds)])),
          TE.map(() => undefined),
        ),
  forgetConnection: (organizationId, connectionId) =>
    !isUuid(connectionId)
      ? TE.right(undefined)
      : pipe(
          attempt('Forgetting the quarantined items of a deleted connection', () => executeBound(em(), FORGET_CONNECTION, [organizationId, connectionId])),
          TE.map(() => undefined),
        ),
  list: (organizationId, connectionId, limit) =>
    pipe(
      attempt('Listing quarantined items', () =>
        isUuid(connectionId)
          ? em().find(QuarantinedIssueSchema, { organizationId, connectionId }, { orderBy: { quarantinedAt: 'desc', externalId: 'asc' }, limit, disableIdentityMap: true })
          : Promise.resolve([]),
      ),
      TE.map((records) => records.map(toQuarantinedIssue)),
    ),
});
