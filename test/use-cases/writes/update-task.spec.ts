import { expect } from 'chai';
import { sourceRateLimited, writeRejected } from '../../../core/index.js';
import { TRACKER_API_TOKEN } from '../../builders/connection-input-builder.js';
import { ORG_A, ORG_B, left, requester } from '../../builders/harness.js';
import { writeHarness } from './write-harness.js';

describe('updateTask: changing a tracker item through the fake tracker', () => {
  it('writes the fields, moves the status, stores the new version at once, and tells write.succeeded only', async () => {
    const w = await writeHarness();
    const before = w.outbox().length;

    const write = await w.patch('PROJ-1', { title: 'Renamed by the product', priority: 'urgent', status: 'done', dueDate: '2026-05-01' });

    expect(write).to.deep.include({ status: 'succeeded', attempts: 1, failure: null });
    const item = w.inTracker('10001');
    expect(item).to.deep.include({ title: 'Renamed by the product', rawPriority: 'p1', rawStatus: 'Closed', dueDate: '2026-05-01' });
    expect(w.task('PROJ-1')).to.deep.include({ title: 'Renamed by the product', status: 'done', priority: 'urgent', sourceVersion: item.version });
    expect(write.result).to.deep.include({ externalId: '10001', key: 'PROJ-1', version: item.version, taskId: w.task('PROJ-1').id });
    expect(w.outbox().slice(before).map((e) => e.type)).to.deep.equal(['write.succeeded']);
    expect(w.outbox().at(-1)).to.deep.include({ cause: 'write', taskId: w.task('PROJ-1').id });
  });

  it('records who wrote in the audit log', async () => {
    const w = await writeHarness();
    const write = await w.patch('PROJ-2', { title: 'Audited' });
    const entries = [...w.h.adapters.state.auditEntries.values()].filter((e) => e.targetId === write.id);
    expect(entries.map((e) => [e.action, e.actor])).to.deep.equal([
      ['write.requested', 'user-1'],
      ['write.succeeded', 'user-1'],
    ]);
  });

  it('is a conflict under tracker-wins when the tracker changed the same field since the product read it, with both values', async () => {
    const w = await writeHarness();
    w.editInTracker('10001', { title: 'Renamed in the tracker' });

    const write = await w.patch('PROJ-1', { title: 'Renamed by the product' });

    expect(write.status).to.equal('failed');
    expect(write.failure).to.deep.include({ code: 'write/conflict', conflicts: { title: { product: 'Renamed by the product', tracker: 'Renamed in the tracker' } } });
    expect(w.inTracker('10001').title).to.equal('Renamed in the tracker');
    expect(w.outbox().at(-1)).to.deep.include({ type: 'write.failed' });
  });

  it('merges a field nobody else changed even though the item moved on', async () => {
    const w = await writeHarness();
    w.editInTracker('10001', { title: 'Renamed in the tracker' });

    const write = await w.patch('PROJ-1', { dueDate: '2026-06-30' });

    expect(write.status).to.equal('succeeded');
    expect(w.inTracker('10001')).to.deep.include({ title: 'Renamed in the tracker', dueDate: '2026-06-30' });
  });

  it('writes anyway under product-wins and records the field it overwrote', async () => {
    const w = await writeHarness({ writeConflictPolicy: 'product-wins' });
    w.editInTracker('10001', { title: 'Renamed in the tracker' });

    const write = await w.patch('PROJ-1', { title: 'Renamed by the product' });

    expect(write.status).to.equal('succeeded');
    expect(write.result?.overwritten).to.deep.equal(['title']);
    expect(w.inTracker('10001').title).to.equal('Renamed by the product');
  });

  it('treats an explicit baseVersion older than the tracker as the product base', async () => {
    const w = await writeHarness();
    const read = w.task('PROJ-3').sourceVersion;
    await w.patch('PROJ-3', { title: 'First edit' });

    const write = await w.patch('PROJ-3', { title: 'Second edit from a stale read', baseVersion: read });

    expect(write.failure?.code).to.equal('write/conflict');
  });

  it('fails a refused write at once with the tracker field errors, without retrying', async () => {
    const w = await writeHarness();
    w.h.adapters.issueWriter.failNext(writeRejected('The tracker refused the fields', [{ path: 'dueDate', message: 'is after the project end' }]));

    const write = await w.patch('PROJ-1', { dueDate: '2099-01-01' });

    expect(write).to.deep.include({ status: 'failed', attempts: 1 });
    expect(write.failure).to.deep.include({ code: 'write/rejected', details: [{ path: 'dueDate', message: 'is after the project end' }] });
  });

  it('retries a rate-limited write and succeeds, counting the attempts', async () => {
    const w = await writeHarness();
    w.h.adapters.issueWriter.failNext(sourceRateLimited('Slow down', 1000));

    const write = await w.patch('PROJ-1', { title: 'After a 429' });

    expect(write).to.deep.include({ status: 'succeeded', attempts: 2 });
  });

  it('fails with transition-unavailable listing the statuses the item can reach', async () => {
    const w = await writeHarness();

    const write = await w.patch('PROJ-1', { status: 'cancelled' });

    expect(write.failure?.code).to.equal('write/transition-unavailable');
    expect(write.failure?.details.map((d) => d.message)).to.deep.equal(['can move to Working', 'can move to Closed']);
  });

  it('pauses the connection writes after an auth failure, until the connection is changed', async () => {
    const w = await writeHarness();
    w.h.adapters.issueSource.rejectToken(TRACKER_API_TOKEN);
    expect((await w.patch('PROJ-1', { title: 'Refused' })).failure?.code).to.equal('write/auth');
    const callsAfterRefusal = w.h.adapters.issueWriter.calls.length;

    const paused = await w.patch('PROJ-2', { title: 'Not even tried' });

    expect(paused.failure?.code).to.equal('write/auth');
    expect(w.h.adapters.issueWriter.calls).to.have.length(callsAfterRefusal);
  });

  it('answers another organization task as not found', async () => {
    const w = await writeHarness();
    const error = await left(w.h.updateTask(requester(ORG_B), w.task('PROJ-1').id, { title: 'Not mine' }, null));
    expect(error._tag).to.equal('TaskNotFound');
    expect(ORG_A).to.not.equal(ORG_B);
  });
});
