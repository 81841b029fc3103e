import type { OrganizationId } from './ids.js';

/** Who asked for a change, and in which request: every audit entry names both. */
export interface RequestOrigin {
  /** The `sub` of the verified token, or a system actor (`system:scheduler`, `system:webhook`, ...). */
  readonly actor: string;
  /** The HTTP request's id; null for work taskport starts itself. */
  readonly requestId: string | null;
}

/** A caller of a use case that changes something: the organization from the token, and the origin. */
export interface Requester extends RequestOrigin {
  readonly organizationId: OrganizationId;
}

/** Syncs started by a schedule. */
export const SYSTEM_SCHEDULER = 'system:scheduler';
/** Changes a tracker's webhook delivery caused. */
export const SYSTEM_WEBHOOK = 'system:webhook';
/** Changes taskport makes on its own account, such as marking a refused OAuth grant. */
export const SYSTEM_TASKPORT = 'system:taskport';

export const systemRequester = (organizationId: OrganizationId, actor: string): Requester => ({ organizationId, actor, requestId: null });
