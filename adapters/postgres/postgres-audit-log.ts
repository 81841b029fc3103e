import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { auditCursorOf, type AuditEntry, type AuditFilter, type AuditLog } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';
import { toAuditEntry, type AuditRow } from './schema/event-rows.js';

const APPEND = `
insert into audit_events (id, organization_id, occurred_at, actor, action, target_type, target_id, summary, request_id)
select (a->>0)::uuid, a->>1, (a->>2)::timestamptz, a->>3, a->>4, a->>5, a->>6, a->7, a->>8
from jsonb_array_elements(?::jsonb) as a`;

const toRow = (e: AuditEntry) => [e.id, e.organizationId, e.occurredAt, e.actor, e.action, e.targetType, e.targetId, e.summary, e.requestId];

/** The filter's conditions and their values, in order; every column it names is indexed with the organization first. */
const conditions = (filter: AuditFilter): { readonly sql: string; readonly values: ReadonlyArray<string | Date> } => {
  const parts: Array<readonly [string, string | Date]> = [
    ...(filter.action === undefined ? [] : [['action = ?', filter.action] as const]),
    ...(filter.targetId === undefined ? [] : [['target_id = ?', filter.targetId] as const]),
    ...(filter.actor === undefined ? [] : [['actor = ?', filter.actor] as const]),
    ...(filter.since === undefined ? [] : [['occurred_at >= ?::timestamptz', filter.since] as const]),
    ...(filter.until === undefined ? [] : [['occurred_at < ?::timestamptz', filter.until] as const]),
  ];
  return { sql: parts.map(([sql]) => ` and ${sql}`).join(''), values: parts.map(([, value]) => value) };
};

/** The audit log on PostgreSQL: inserts and selects only (a trigger refuses any update or delete). */
export const postgresAuditLog = (em: EntityManagerSource): AuditLog => ({
  append: (entries) =>
    entries.length === 0
      ? TE.right(undefined)
      : pipe(
          attempt('Writing audit entries', () => executeBound(em(), APPEND, [JSON.stringify(entries.map(toRow))])),
          TE.map(() => undefined),
        ),
  list: (organizationId, filter, page) => {
    if (page.after !== null && !isUuid(page.after.id)) return TE.right({ items: [], next: null });
    const where = conditions(filter);
    const after = page.after === null ? '' : ' and (occurred_at, id) < (?::timestamptz, ?::uuid)';
    const sql = `select * from audit_events where organization_id = ?${where.sql}${after} order by occurred_at desc, id desc limit ?`;
    const params = [organizationId, ...where.values, ...(page.after === null ? [] : [page.after.occurredAt, page.after.id]), page.limit + 1];
    return pipe(
      attempt('Listing audit entries', () => executeBound<AuditRow>(em(), sql, params)),
      TE.chainEitherKW((rows) =>
        pipe(
          E.traverseArray(toAuditEntry)(rows.slice(0, page.limit)),
          E.map((items) => ({ items, next: rows.length > page.limit ? auditCursorOf(items.at(-1)!) : null })),
        ),
      ),
    );
  },
});
