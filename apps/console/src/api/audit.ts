import * as t from 'io-ts';
import { nullable } from './codecs';

/** The actions the audit log records (docs/openapi.yaml `AuditAction`), offered as a filter. */
export const AUDIT_ACTIONS = [
  'connection.created',
  'connection.updated',
  'connection.enabled',
  'connection.disabled',
  'connection.deleted',
  'connection.oauth_connected',
  'connection.oauth_reauthorized',
  'connection.oauth_refresh_refused',
  'mappings.replaced',
  'mappings.patched',
  'user_mapping.created',
  'user_mapping.deleted',
  'workspace_module.switched',
  'sync_run.started',
  'sync_run.finished',
  'event_endpoint.created',
  'event_endpoint.updated',
  'event_endpoint.deleted',
] as const;

/** One change a person or taskport made. The summary's shape depends on the action. */
export const AuditEntryCodec = t.type({
  id: t.string,
  occurredAt: t.string,
  actor: t.string,
  // Kept as text: an action added to the API later still shows.
  action: t.string,
  targetType: t.string,
  targetId: t.string,
  summary: t.UnknownRecord,
  requestId: nullable(t.string),
});
export type AuditEntry = t.TypeOf<typeof AuditEntryCodec>;

export const AuditPageCodec = t.type({ data: t.array(AuditEntryCodec), meta: t.type({ nextCursor: nullable(t.string) }) });
export type AuditPage = t.TypeOf<typeof AuditPageCodec>;

/** The filters of the audit log, as the API's query names them; `since` and `until` are ISO instants. */
export interface AuditFilters {
  readonly action?: string;
  readonly targetId?: string;
  readonly actor?: string;
  readonly since?: string;
  readonly until?: string;
}

export const AUDIT_FILTER_NAMES = ['action', 'targetId', 'actor', 'since', 'until'] as const;
