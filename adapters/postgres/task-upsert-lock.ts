import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrganizationId, TaskSource } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { recordFromRowJson, type TaskRecord } from './schema/task-columns.js';

// Each row comes back as JSON, so instants arrive as ISO-8601 and dates as YYYY-MM-DD whatever the
// session's DateStyle, and nothing goes through the ORM's hydration. One `external_id = any(...)`
// per system and site keeps it a scan of the unique index whatever the table's size.
const lockExisting = (scopes: number) => `
select row_to_json(t) as task
from external_tasks t
where t.organization_id = ?
  and (${Array.from({ length: scopes }, () => '(t.external_system = ? and t.site = ? and t.external_id = any(?::text[]))').join(' or ')})
order by t.id
for update of t`;

/** The stored rows of these sources, in one statement, locked (in id order) until the transaction ends. */
export const lockStoredRows = async (tx: EntityManager, organizationId: OrganizationId, sources: ReadonlyArray<TaskSource>): Promise<TaskRecord[]> => {
  const idsByScope = new Map<string, { system: string; site: string; ids: string[] }>();
  for (const s of sources) {
    const scope = `${s.externalSystem}\u0000${s.site}`;
    const entry = idsByScope.get(scope) ?? { system: s.externalSystem, site: s.site, ids: [] };
    entry.ids.push(s.externalId);
    idsByScope.set(scope, entry);
  }
  const params = [...idsByScope.values()].flatMap(({ system, site, ids }) => [system, site, ids]);
  const rows = await executeBound<{ task: Record<string, unknown> }>(tx, lockExisting(idsByScope.size), [organizationId, ...params]);
  return rows.map((row) => recordFromRowJson(row.task));
};
