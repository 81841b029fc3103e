import * as TE from 'fp-ts/lib/TaskEither.js';
import type { ClaimedDelivery, InboxDelivery, WebhookDeadLetter, WebhookInbox } from '../../core/index.js';

/** One delivery as the in-memory inbox keeps it. */
export interface MemoryInboxRow {
  readonly id: string;
  readonly key: string;
  readonly delivery: InboxDelivery;
  readonly attempts: number;
  readonly leaseUntil: Date | null;
  readonly completedAt: Date | null;
  readonly lastError: string | null;
  readonly deadLetteredAt: Date | null;
}

export const DEFAULT_INBOX_LEASE_MS = 30_000;

const deadLetterOf = (row: MemoryInboxRow): WebhookDeadLetter => ({
  id: row.id,
  connectionId: row.delivery.connectionId,
  provider: row.delivery.provider,
  deliveryId: row.delivery.deliveryId,
  receivedAt: row.delivery.receivedAt,
  attempts: row.attempts,
  reason: row.lastError ?? '',
  deadLetteredAt: row.deadLetteredAt!,
});

/**
 * The inbox in memory, with the database's semantics: unique per organization and delivery key, leases that end,
 * completed deliveries kept (without their body) so a resend is still a duplicate, dead letters
 * kept whole until replayed. Kept apart from the unit of work's state: recording a delivery is
 * never rolled back with a transaction.
 */
export const memoryWebhookInbox = (options: { leaseMs?: number } = {}): WebhookInbox & { readonly rows: () => ReadonlyArray<MemoryInboxRow> } => {
  const leaseMs = options.leaseMs ?? DEFAULT_INBOX_LEASE_MS;
  const rows = new Map<string, MemoryInboxRow>();
  const byKey = new Map<string, string>();
  let nextId = 1;
  const isClaimable = (row: MemoryInboxRow, now: Date) =>
    row.completedAt === null && row.deadLetteredAt === null && (row.leaseUntil === null || row.leaseUntil.getTime() <= now.getTime());
  const update = (id: string, change: (row: MemoryInboxRow) => Partial<MemoryInboxRow>) => {
    const row = rows.get(id);
    if (row !== undefined) rows.set(id, { ...row, ...change(row) });
  };
  const deadLettersOf = (organizationId: string, connectionId: string) =>
    [...rows.values()].filter((row) => row.deadLetteredAt !== null && row.delivery.organizationId === organizationId && row.delivery.connectionId === connectionId);
  return {
    rows: () => [...rows.values()],
    record: (delivery) => {
      const key = `${delivery.organizationId}\u0000${delivery.deliveryKey}`;
      if (byKey.has(key)) return TE.right('duplicate');
      const id = String(nextId++);
      byKey.set(key, id);
      const row = { id, key, delivery: { ...delivery, rawBody: Uint8Array.from(delivery.rawBody) }, attempts: 0, leaseUntil: null, completedAt: null, lastError: null, deadLetteredAt: null };
      rows.set(id, row);
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
    complete: (ids, now) =>
      TE.fromIO(() => ids.forEach((id) => update(id, (row) => ({ delivery: { ...row.delivery, rawBody: new Uint8Array(), headers: {} }, leaseUntil: null, completedAt: now })))),
    retryLater: (id, reason, retryAt) => TE.fromIO(() => update(id, () => ({ leaseUntil: retryAt, lastError: reason }))),
    postpone: (id, until) => TE.fromIO(() => update(id, (row) => ({ leaseUntil: until, attempts: Math.max(0, row.attempts - 1) }))),
    deadLetter: (id, reason, now) => TE.fromIO(() => update(id, () => ({ leaseUntil: null, lastError: reason, deadLetteredAt: now }))),
    listDeadLetters: (organizationId, connectionId, limit) =>
      TE.right(
        deadLettersOf(organizationId, connectionId)
          .sort((a, b) => b.deadLetteredAt!.getTime() - a.deadLetteredAt!.getTime() || Number(b.id) - Number(a.id))
          .slice(0, limit)
          .map(deadLetterOf),
      ),
    countDeadLetters: (organizationId, connectionIds) =>
      TE.right(new Map(connectionIds.map((id) => [id, deadLettersOf(organizationId, id).length] as const).filter(([, n]) => n > 0))),
    replay: (organizationId, connectionId, ids) =>
      TE.fromIO(() => {
        const chosen = deadLettersOf(organizationId, connectionId).filter((row) => ids === 'all' || ids.includes(row.id));
        chosen.forEach((row) => update(row.id, () => ({ deadLetteredAt: null, attempts: 0, leaseUntil: null })));
        return chosen.map((row) => row.id);
      }),
  };
};
