import { expect } from 'chai';
import { OWN_WRITE_HOLD, asEntityId, type Write, type WriteRequest } from '../../../core/index.js';
import { ORG_A, right } from '../../builders/harness.js';
import { anId } from '../../support/builders/ids.js';
import { version, webhookHarness, type WebhookHarness } from './webhook-harness.js';

describe('processWebhookInbox: a delivery about an item taskport is writing waits for the write', () => {
  let w: WebhookHarness;
  beforeEach(async () => (w = await webhookHarness()));
  const clock = () => w.h.adapters.clock;
  const published = () => w.h.adapters.domainEvents.published.length;
  const pendingRows = () => w.h.adapters.webhookInbox.rows().filter((row) => row.completedAt === null);
  const titleOf = (key: string) => w.tasks().find((t) => t.key === key)?.title;

  /** A write the worker has started (claimed) now, as it would be while out at the tracker. */
  const runningWrite = async (request: WriteRequest): Promise<Write> => {
    const now = clock().now();
    const write: Write = {
      ...{ id: anId(), organizationId: ORG_A, connectionId: w.connectionId, request, idempotencyKey: null, requestDigest: '{}', status: 'queued' as const, attempts: 0 },
      ...{ result: null, failure: null, requestedBy: 'user-1', requestId: null, createdAt: now, updatedAt: now, finishedAt: null },
    };
    await right(w.h.adapters.writes.record(write));
    return (await right(w.h.adapters.writes.claim(ORG_A, write.id, now)))!;
  };
  const finish = (write: Write) =>
    right(w.h.adapters.writes.finish(ORG_A, write.id, { status: 'failed', failure: { code: 'write/unavailable', message: 'gone', details: [], conflicts: null } }, clock().now()));
  const stored = async (n: number) => {
    await right(w.send(w.upsert(version(n, 0))));
    await w.drain();
    return w.tasks().find((t) => t.key === `PROJ-${n}`)!;
  };

  it('postpones a delivery about a task being updated, without counting tries, and applies it once the write has settled', async () => {
    const task = await stored(1);
    const write = await runningWrite({ kind: 'update', taskId: asEntityId(task.id), baseVersion: null, title: 'Ours' });
    const eventsBefore = published();
    await right(w.send(w.upsert(version(1, 5))));

    for (let pass = 0; pass < 10; pass += 1) {
      expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 0, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 1, deadLettered: [] }]);
      expect(await w.drain(), 'not claimable before the recheck').to.deep.equal([]);
      clock().advance(OWN_WRITE_HOLD.recheckMs);
    }
    expect([titleOf('PROJ-1'), published(), pendingRows().map((row) => row.attempts)]).to.deep.equal(['Issue 1 at minute 0', eventsBefore, [0]]);

    await finish(write);
    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect([titleOf('PROJ-1'), pendingRows()]).to.deep.equal(['Issue 1 at minute 5', []]);
  });

  it("applies at once a delivery about another item, and everything while the connection's writes are all settled", async () => {
    const task = await stored(1);
    await stored(2);
    await runningWrite({ kind: 'update', taskId: asEntityId(task.id), baseVersion: null, title: 'Ours' });

    await right(w.send(w.upsert(version(2, 5))));

    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect(titleOf('PROJ-2')).to.equal('Issue 2 at minute 5');
  });

  it('postpones, while a create runs, a delivery about an item not stored yet (the created one may be it), but not one about a stored task', async () => {
    await stored(1);
    const create = await runningWrite({ kind: 'create', projectKey: 'PROJ', title: 'New' });

    await right(w.send(w.upsert(version(3, 0))));
    await right(w.send(w.upsert(version(1, 5))));

    expect(await w.drain()).to.deep.equal([{ claimed: 2, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 1, deadLettered: [] }]);
    expect([titleOf('PROJ-1'), titleOf('PROJ-3')]).to.deep.equal(['Issue 1 at minute 5', undefined]);
    await finish(create);
    clock().advance(OWN_WRITE_HOLD.recheckMs);
    await w.drain();
    expect(titleOf('PROJ-3')).to.equal('Issue 3 at minute 0');
  });

  it('stops waiting for a write started longer ago than a write can take (its worker is gone)', async () => {
    const task = await stored(1);
    await runningWrite({ kind: 'update', taskId: asEntityId(task.id), baseVersion: null, title: 'Ours' });
    clock().advance(OWN_WRITE_HOLD.longestMs + 1);

    await right(w.send(w.upsert(version(1, 5))));

    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
  });
});
