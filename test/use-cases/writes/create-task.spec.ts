import { expect } from 'chai';
import { asEntityId } from '../../../core/index.js';
import { TRACKER_BASE_URL } from '../../builders/connection-input-builder.js';
import { ORG_A, ORG_B, left, requester, right } from '../../builders/harness.js';
import { upsertDelivery, signedDelivery } from '../../builders/tracker-webhook-builder.js';
import { SECRET } from '../webhooks/webhook-harness.js';
import { writeHarness } from './write-harness.js';

describe('createTask and getWrite: new tracker items, exactly once, without echoes', () => {
  it('creates the item with its status and assignee (looked up by e-mail) and stores the task at once', async () => {
    const w = await writeHarness();
    w.h.adapters.issueWriter.declareUser('dev@acme.test', 'user-77');

    const write = await w.create({ title: 'New work', status: 'in_progress', assigneeEmail: 'dev@acme.test', priority: 'high' });

    expect(write.status).to.equal('succeeded');
    const item = w.inTracker(write.result!.externalId);
    expect(item).to.deep.include({ title: 'New work', rawStatus: 'Working', assigneeExternalId: 'user-77', rawPriority: 'p2' });
    expect(w.task(write.result!.key)).to.deep.include({ id: write.result!.taskId, status: 'in_progress', sourceVersion: item.version });
  });

  it('makes one item when the answer to the create was lost and the write is retried', async () => {
    const w = await writeHarness();
    w.h.adapters.issueWriter.loseNextCreateAnswer();
    const before = w.h.adapters.issueSource.issuesAt(TRACKER_BASE_URL).length;

    const write = await w.create({ title: 'Created once' });

    expect(write).to.deep.include({ status: 'succeeded', attempts: 2 });
    expect(w.h.adapters.issueSource.issuesAt(TRACKER_BASE_URL)).to.have.length(before + 1);
    expect(w.h.adapters.issueWriter.calls.filter((c) => c.startsWith('create'))).to.have.length(1);
  });

  it('answers the same write for the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const w = await writeHarness();
    const first = await w.create({ title: 'Once' }, 'key-1');
    const again = await right(w.h.createTask(requester(ORG_A), { connectionId: w.connectionId, projectKey: 'PROJ', title: 'Once' }, 'key-1'));

    expect(again.id).to.equal(first.id);
    expect(w.h.adapters.writeQueue.jobs).to.have.length(1);
    const reused = await left(w.h.createTask(requester(ORG_A), { connectionId: w.connectionId, projectKey: 'PROJ', title: 'Other' }, 'key-1'));
    expect(reused._tag).to.equal('IdempotencyKeyReused');
  });

  it('takes the echo of its own write (a webhook carrying the written version) as no change at all', async () => {
    const w = await writeHarness();
    const write = await w.patch('PROJ-2', { title: 'Written by the product' });
    const before = w.outbox().length;
    const task = w.task('PROJ-2');

    await right(w.send(signedDelivery(upsertDelivery(w.inTracker('10002')), { secret: SECRET })));
    await w.drain();

    expect(w.outbox()).to.have.length(before);
    expect(w.task('PROJ-2')).to.deep.include({ sourceVersion: write.result!.version, title: 'Written by the product', updatedAt: task.updatedAt });
    expect(w.h.adapters.writeQueue.jobs).to.have.length(1);
  });

  it('skips the written version on the next sync', async () => {
    const w = await writeHarness();
    await w.patch('PROJ-3', { title: 'Written' });
    const before = w.outbox().length;

    const report = await right(w.h.sync(ORG_A, w.connectionId, { mode: 'full' }));

    expect(report).to.include({ updated: 0, created: 0 });
    expect(w.outbox().filter((e) => e.type.startsWith('external_task')).length).to.equal(w.outbox().slice(0, before).filter((e) => e.type.startsWith('external_task')).length);
  });

  it('hides another organization connection and write', async () => {
    const w = await writeHarness();
    const write = await w.create({ title: 'Mine' });
    expect((await left(w.h.createTask(requester(ORG_B), { connectionId: w.connectionId, projectKey: 'PROJ', title: 'x' }, null)))._tag).to.equal('ConnectionNotFound');
    expect((await left(w.h.getWrite(ORG_B, asEntityId(write.id))))._tag).to.equal('WriteNotFound');
  });
});
