import type { EntityManager } from '@mikro-orm/postgresql';
import { sourceKey, type OrganizationId, type TaskSource } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { recordFromRowJson, type TaskRecord } from './schema/task-columns.js';

// Each row comes back as JSON, so instants arrive as ISO-8601 and dates as YYYY-MM-DD whatever the
// session's DateStyle, and nothing goes through the ORM's hydration.
//
// One probe of the unique index per source, whatever the table's statistics say. The statistics of
// a tenant's first sync are always stale: its rows grow from none to many between two analyses, so
// a planner shown `external_id = any(...)` took the tenant's few rows on faith and read all of them
// for every batch (a lock grew from 2 to 20 ms over 20,000 issues, quadratic in a site's size). A
// lateral probe by the whole key reads one row a source. The organization is handed to the planner
// as a value it cannot see (`(select ?)`): shown a tenant its statistics have never met, it takes the
// tenant for no rows at all, and then any index that starts with the organization (there are eight)
// looks as good as the unique one, which it did pick in the specs only when the table had been empty.
//
// Rows are locked in the order of the sources, which the caller sorts as the upsert writes them, so
// two batches never wait on each other in opposite orders.
const LOCK_STORED = `
select row_to_json(t) as task
from unnest(?::text[], ?::text[], ?::text[]) as k(external_system, site, external_id)
cross join lateral (
  select * from external_tasks s
  where s.organization_id = (select ?::text) and s.external_system = k.external_system and s.site = k.site and s.external_id = k.external_id
  for update
) t`;

/** The stored rows of these sources, in one statement, locked (in source order) until the transaction ends. */
export const lockStoredRows = async (tx: EntityManager, organizationId: OrganizationId, sources: ReadonlyArray<TaskSource>): Promise<TaskRecord[]> => {
  const bySource = new Map(sources.map((source) => [sourceKey(source), source]));
  const ordered = [...bySource.keys()].sort().map((key) => bySource.get(key)!);
  const rows = await executeBound<{ task: Record<string, unknown> }>(tx, LOCK_STORED, [
    ordered.map((s) => s.externalSystem),
    ordered.map((s) => s.site),
    ordered.map((s) => s.externalId),
    organizationId,
  ]);
  return rows.map((row) => recordFromRowJson(row.task));
};
