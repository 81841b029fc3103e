import type { ConnectionId, ConnectionRepository, OrganizationId, WebhookStatsDelta, WebhookStatsRecorder } from '../../core/index.js';

export interface BatchedWebhookStats extends WebhookStatsRecorder {
  /** Writes everything recorded so far; resolves once it is stored (or put back after a failure). */
  readonly flush: () => Promise<void>;
  /** Flushes and stops; for shutdown. */
  readonly close: () => Promise<void>;
}

export interface BatchedWebhookStatsOptions {
  /** How long counts gather before one write per connection (default 1 s). */
  readonly intervalMs?: number;
  /** Told about a failed write; the counts are kept for the next flush. */
  readonly onError?: (error: string) => void;
}

interface Pending {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  delta: WebhookStatsDelta;
}

const later = (a: Date | null, b: Date | null): Date | null => (a === null ? b : b === null || a.getTime() >= b.getTime() ? a : b);

const merge = (a: WebhookStatsDelta, b: WebhookStatsDelta): WebhookStatsDelta => ({
  accepted: a.accepted + b.accepted,
  refused: a.refused + b.refused,
  lastWebhookAt: later(a.lastWebhookAt, b.lastWebhookAt),
});

/**
 * Counts deliveries in memory and writes them as one increment per connection per interval, so a
 * burst of deliveries does not queue on the connection's row. Eventually consistent: the counts a
 * connection shows lag by up to the interval, and counts not yet written when a process dies are lost.
 */
export const batchedWebhookStats = (
  connections: Pick<ConnectionRepository, 'addWebhookStats'>,
  options: BatchedWebhookStatsOptions = {},
): BatchedWebhookStats => {
  const intervalMs = options.intervalMs ?? 1000;
  let pending = new Map<string, Pending>();
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const add = (entry: Pending) => {
    const key = `${entry.organizationId}\u0000${entry.connectionId}`;
    const known = pending.get(key);
    if (known === undefined) pending.set(key, { ...entry });
    else known.delta = merge(known.delta, entry.delta);
  };

  const write = async (batch: ReadonlyArray<Pending>) => {
    for (const entry of batch) {
      const result = await connections.addWebhookStats(entry.organizationId, entry.connectionId, entry.delta)();
      if (result._tag === 'Left' && result.left._tag === 'PersistenceFailure') {
        add(entry);
        options.onError?.(result.left.message);
      }
    }
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const batch = [...pending.values()];
    pending = new Map();
    // One flush at a time, in order: a flush resolves only after everything recorded before it is written.
    writing = writing.then(() => write(batch));
    return writing;
  };

  return {
    record: (organizationId, connectionId, outcome, at) => async () => {
      const delta = { accepted: outcome === 'accepted' ? 1 : 0, refused: outcome === 'refused' ? 1 : 0, lastWebhookAt: outcome === 'accepted' ? at : null };
      add({ organizationId, connectionId, delta });
      timer ??= setTimeout(() => void flush(), intervalMs).unref();
    },
    flush,
    close: flush,
  };
};
