import { executeBound } from './bound-statement.js';
import type { EntityManagerSource } from './database-call.js';

export interface RetentionWindows {
  /** Idempotency keys processed before this are forgotten (a version read again is then compared, not skipped). */
  readonly eventsBefore: Date;
  /** Completed webhook deliveries before this are forgotten (a resend after it would be applied again, harmlessly). */
  readonly inboxBefore: Date;
}

export interface Trimmed {
  readonly events: number;
  readonly deliveries: number;
  /** Dead letters of deleted connections: nobody can replay them, and each keeps a delivery's body. */
  readonly orphanedDeadLetters: number;
}

// In slices, so one trim never holds long locks or a huge transaction.
const SLICE = 5_000;
const TRIM_EVENTS = `
delete from external_task_events where id in (select id from external_task_events where processed_at < ?::timestamptz limit ${SLICE}) returning 1`;
const TRIM_INBOX = `
delete from webhook_inbox where id in (select id from webhook_inbox where completed_at is not null and completed_at < ?::timestamptz limit ${SLICE}) returning 1`;

const TRIM_ORPHANED_DEAD_LETTERS = `
delete from webhook_inbox where id in (
  select i.id from webhook_inbox i
  where i.dead_lettered_at is not null and not exists (select 1 from integration_connections c where c.id = i.connection_id)
  limit ${SLICE}
) returning 1`;

const trimAll = async (em: EntityManagerSource, sql: string, params: ReadonlyArray<Date>): Promise<number> => {
  let total = 0;
  for (let removed = SLICE; removed === SLICE; total += removed) removed = (await executeBound(em(), sql, params)).length;
  return total;
};

/**
 * Trims the idempotency event log and the webhook inbox's completed deliveries older than their
 * windows, and the dead letters of connections deleted since. Pending deliveries are never trimmed
 * (those of a deleted connection complete without effect, then age out). The windows must outlast
 * the trackers' retry horizons (a week is ample for Jira's half hour), or a late resend would be
 * applied twice.
 */
export const trimHistory = async (em: EntityManagerSource, windows: RetentionWindows): Promise<Trimmed> => ({
  events: await trimAll(em, TRIM_EVENTS, [windows.eventsBefore]),
  deliveries: await trimAll(em, TRIM_INBOX, [windows.inboxBefore]),
  orphanedDeadLetters: await trimAll(em, TRIM_ORPHANED_DEAD_LETTERS, []),
});
