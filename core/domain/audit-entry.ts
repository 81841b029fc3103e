import type { OrganizationId } from './ids.js';
import type { JsonObject } from './json.js';

export type AuditTargetType = 'connection' | 'user_mapping' | 'workspace_module' | 'sync_run' | 'event_endpoint' | 'write';

/**
 * Every action the audit log records, with the kind of record it changes. Adding an action is one
 * line here and one `auditEntry(...)` where the change is written.
 */
export const AUDIT_ACTIONS = {
  'connection.created': 'connection',
  'connection.updated': 'connection',
  'connection.enabled': 'connection',
  'connection.disabled': 'connection',
  'connection.deleted': 'connection',
  'connection.oauth_connected': 'connection',
  'connection.oauth_reauthorized': 'connection',
  'connection.oauth_refresh_refused': 'connection',
  'mappings.replaced': 'connection',
  'mappings.patched': 'connection',
  'connection.webhooks_replayed': 'connection',
  'user_mapping.created': 'user_mapping',
  'user_mapping.deleted': 'user_mapping',
  'workspace_module.switched': 'workspace_module',
  'sync_run.started': 'sync_run',
  'sync_run.finished': 'sync_run',
  'event_endpoint.created': 'event_endpoint',
  'event_endpoint.updated': 'event_endpoint',
  'event_endpoint.deleted': 'event_endpoint',
  'write.requested': 'write',
  'write.succeeded': 'write',
  'write.failed': 'write',
} as const satisfies Record<string, AuditTargetType>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(AUDIT_ACTIONS, value);

/**
 * One change a person or taskport made, appended in the same transaction as the change and never
 * altered afterwards. The summary says what changed without any secret's value.
 */
export interface AuditEntry {
  /** Unique and sortable by creation (UUIDv7 in production). */
  readonly id: string;
  readonly organizationId: OrganizationId;
  readonly occurredAt: Date;
  /** The `sub` of the token, or a system actor such as `system:scheduler`. */
  readonly actor: string;
  readonly action: AuditAction;
  readonly targetType: AuditTargetType;
  readonly targetId: string;
  readonly summary: JsonObject;
  readonly requestId: string | null;
}

/** Position in the audit log, which is ordered newest first, then by id descending. */
export interface AuditCursor {
  readonly occurredAt: Date;
  readonly id: string;
}

export const auditCursorOf = (entry: AuditEntry): AuditCursor => ({ occurredAt: entry.occurredAt, id: entry.id });
export const encodeAuditCursor = (cursor: AuditCursor): string => `${cursor.occurredAt.getTime()}_${cursor.id}`;
export const decodeAuditCursor = (value: string): AuditCursor | null => {
  const match = /^(\d{1,15})_([0-9a-f-]{36})$/i.exec(value);
  return match === null ? null : { occurredAt: new Date(Number(match[1])), id: match[2]!.toLowerCase() };
};

/** Log order: newest first, ties broken by id descending. */
export const compareAuditEntries = (a: AuditEntry, b: AuditEntry): number =>
  b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** True when `entry` comes strictly after `cursor` in log order. */
export const isAfterAuditCursor = (entry: AuditEntry, cursor: AuditCursor): boolean => {
  const t = entry.occurredAt.getTime();
  const c = cursor.occurredAt.getTime();
  return t < c || (t === c && entry.id < cursor.id);
};
