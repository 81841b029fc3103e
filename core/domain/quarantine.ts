import type { ConnectionId, OrganizationId, SyncRunId } from './ids.js';
import type { SourceIssue } from './source-issue.js';
import { isStorableDate, isStorableInstant } from './storable-instant.js';
import { storableText } from './text-safety.js';

/**
 * An item a sync read but could not store, with why: the rest of its page and of the sync go on
 * without it. It is tried again whenever a sync reads it again, and forgotten once it is stored.
 */
export interface QuarantinedItem {
  readonly externalId: string;
  readonly key: string;
  readonly version: string;
  readonly reason: string;
}

/** A connection's quarantined item, as kept until it is stored. */
export interface QuarantinedIssue extends QuarantinedItem {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  /** The run that last found it unstorable; null when it came otherwise. */
  readonly runId: SyncRunId | null;
  readonly firstQuarantinedAt: Date;
  readonly quarantinedAt: Date;
}

/** A run lists at most this many of its quarantined items (its count has them all; the connection's quarantine too). */
export const RUN_QUARANTINE_LIMIT = 100;

const REASON_LENGTH = 500;
const IDENTITY_LENGTH = 300;

/** An external id as the quarantine keeps it: tracker text too, so made storable first. */
export const quarantineIdOf = (externalId: string): string => storableText(externalId).slice(0, IDENTITY_LENGTH);

/** The item as it is kept: its identity and reason are tracker text too, so they are made storable first. */
export const quarantinedItem = (issue: SourceIssue, reason: string): QuarantinedItem => ({
  externalId: quarantineIdOf(issue.externalId),
  key: storableText(issue.key).slice(0, IDENTITY_LENGTH),
  version: storableText(issue.version).slice(0, IDENTITY_LENGTH),
  reason: storableText(reason).slice(0, REASON_LENGTH),
});

/**
 * Why the database could never take this item, known without asking it: the instants and the due
 * date a provider adapter should have checked (its decoder turns impossible optional dates into
 * null), and the update time, which nothing can replace. Null when it looks storable.
 */
export const unstorableReason = (issue: SourceIssue): string | null => {
  if (!isStorableInstant(issue.updatedAt.getTime())) return 'its update time is not a date from the year 1 to 9999';
  if (issue.createdAt !== null && !isStorableInstant(issue.createdAt.getTime())) return 'its creation time is not a date from the year 1 to 9999';
  if (issue.dueDate !== null && !isStorableDate(issue.dueDate)) return 'its due date is not a calendar date from the year 1 to 9999';
  return null;
};
