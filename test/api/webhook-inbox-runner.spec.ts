import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { startWebhookInboxRunner } from '../../apps/api/webhook-inbox-runner.js';
import type { InboxPassCounts } from '../../core/index.js';

/** A fake inbox of `pending` deliveries; each pass takes up to its limit and records the limit it was given. */
const fakeInbox = (pending: number) => {
  const state = { pending, limits: [] as number[] };
  const process = (limit: number) => {
    state.limits.push(limit);
    const claimed = Math.min(limit, state.pending);
    state.pending -= claimed;
    return TE.right<never, InboxPassCounts>({ claimed, applied: claimed, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] });
  };
  return { state, process };
};

describe('webhook inbox runner: answering first', () => {
  it('defers passes while busy, claims small slices once the wait is too long, and drains fully when the burst ends', async () => {
    const inbox = fakeInbox(100);
    let busy = true;
    const runner = startWebhookInboxRunner({ process: inbox.process, logger: createLogger('silent'), batchSize: 64, busy: () => busy, maxDeferMs: 30, busyBatchSize: 4, pollMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(inbox.state.limits.length).to.be.greaterThan(0);
    expect(inbox.state.limits.every((limit) => limit === 4)).to.equal(true);
    expect(inbox.state.pending).to.be.greaterThan(50);
    busy = false;
    await runner.drain();
    expect(inbox.state.pending).to.equal(0);
    expect(inbox.state.limits.at(-1)).to.equal(64);
    await runner.close();
  });

  it('does not wait at all when the process is not busy', async () => {
    const inbox = fakeInbox(10);
    const runner = startWebhookInboxRunner({ process: inbox.process, logger: createLogger('silent'), busy: () => false, maxDeferMs: 60_000, pollMs: 10_000 });
    await runner.drain();
    expect(inbox.state.pending).to.equal(0);
    expect(inbox.state.limits[0]).to.equal(64);
    await runner.close();
  });
});
