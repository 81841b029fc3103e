import * as TE from 'fp-ts/lib/TaskEither.js';
import type { ClaimedDelivery, InboxDelivery, WebhookInbox } from '../../core/index.js';

/** One delivery as the in-memory inbox keeps it. */
export interface MemoryInboxRow {
  readonly id: string;
  readonly key: string;
  readonly delivery: InboxDelivery;
  readonly attempts: number;
  readonly leaseUntil: Date | null;
  readonly completedAt: Date | null;
}

export const DEFAULT_INBOX_LEASE_MS = 30_000;

/**
 * The inbox in memory, with the database's semantics: unique per organization and delivery key, leases that end,
 * completed deliveries kept (without their body) so a resend is still a duplicate. Kept apart from
 * the unit of work's state: recording a delivery is never rolled back with a transaction.
 */
export const memoryWebhookInbox = (options: { leaseMs?: number } = {}): WebhookInbox & { readonly rows: () => ReadonlyArray<MemoryInboxRow> } => {
  const leaseMs = options.leaseMs ?? DEFAULT_INBOX_LEASE_MS;
  const rows = new Map<string, MemoryInboxRow>();
  const byKey = new Map<string, string>();
  let nextId = 1;
  const isClaimable = (row: MemoryInboxRow, now: Date) => row.completedAt === null && (row.leaseUntil === null || row.leaseUntil.getTime() <= now.getTime());
  return {
    rows: () => [...rows.values()],
    record: (delivery) => {
      const key = `${delivery.organizationId}\u0000${delivery.deliveryKey}`;
      if (byKey.has(key)) return TE.right('duplicate');
      const id = String(nextId++);
      byKey.set(key, id);
      rows.set(id, { id, key, delivery: { ...delivery, rawBody: Uint8Array.from(delivery.rawBody) }, attempts: 0, leaseUntil: null, completedAt: null });
      return TE.right('recorded');
    },
    claim: (limit, now) => {
      const claimed: ClaimedDelivery[] = [];
      for (const row of rows.values()) {
        if (claimed.length >= limit) break;
        if (!isClaimable(row, now)) continue;
        const leased = { ...row, attempts: row.attempts + 1, leaseUntil: new Date(now.getTime() + leaseMs) };
        rows.set(row.id, leased);
        claimed.push({ ...row.delivery, id: row.id, attempts: leased.attempts });
      }
      return TE.right(claimed);
    },
    complete: (ids, now) => {
      for (const id of ids) {
        const row = rows.get(id);
        if (row !== undefined) rows.set(id, { ...row, delivery: { ...row.delivery, rawBody: new Uint8Array(), headers: {} }, leaseUntil: null, completedAt: now });
      }
      return TE.right(undefined);
    },
  };
};
