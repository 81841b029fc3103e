import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { AuditAction, AuditCursor, AuditEntry } from '../domain/audit-entry.js';
import type { OrganizationId } from '../domain/ids.js';
import type { PersistenceFailure } from '../errors.js';

/** Appends only: there is no way to change or remove an entry, in any adapter. */
export interface AuditTrail {
  /** Written inside a unit of work, so each entry commits (or vanishes) with the change it records. */
  readonly append: (entries: ReadonlyArray<AuditEntry>) => TE.TaskEither<PersistenceFailure, void>;
}

export interface AuditFilter {
  readonly action?: AuditAction;
  readonly targetId?: string;
  readonly actor?: string;
  /** Inclusive. */
  readonly since?: Date;
  /** Exclusive. */
  readonly until?: Date;
}

export interface AuditPage {
  readonly items: ReadonlyArray<AuditEntry>;
  readonly next: AuditCursor | null;
}

/** The organization's audit log: appended to, and read newest first. */
export interface AuditLog extends AuditTrail {
  readonly list: (
    organizationId: OrganizationId,
    filter: AuditFilter,
    page: { readonly limit: number; readonly after: AuditCursor | null },
  ) => TE.TaskEither<PersistenceFailure, AuditPage>;
}
