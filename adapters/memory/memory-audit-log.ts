import * as TE from 'fp-ts/lib/TaskEither.js';
import { auditCursorOf, compareAuditEntries, isAfterAuditCursor, type AuditEntry, type AuditFilter, type AuditLog } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

const matches = (filter: AuditFilter) => (entry: AuditEntry) =>
  (filter.action === undefined || entry.action === filter.action) &&
  (filter.targetId === undefined || entry.targetId === filter.targetId) &&
  (filter.actor === undefined || entry.actor === filter.actor) &&
  (filter.since === undefined || entry.occurredAt.getTime() >= filter.since.getTime()) &&
  (filter.until === undefined || entry.occurredAt.getTime() < filter.until.getTime());

/** Append and read only, like the table: an entry once written is never touched again. */
export const memoryAuditLog = (state: MemoryState): AuditLog => ({
  append: (entries) =>
    TE.fromIO(() => {
      for (const entry of entries) state.auditEntries.set(entry.id, entry);
    }),
  list: (organizationId, filter, page) =>
    TE.fromIO(() => {
      const found = [...state.auditEntries.values()]
        .filter((entry) => entry.organizationId === organizationId)
        .filter(matches(filter))
        .filter((entry) => page.after === null || isAfterAuditCursor(entry, page.after))
        .sort(compareAuditEntries);
      const items = found.slice(0, page.limit);
      return { items, next: found.length > page.limit ? auditCursorOf(items.at(-1)!) : null };
    }),
});
