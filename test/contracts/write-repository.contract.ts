import { expect } from 'chai';
import type { Write, WriteRepository } from '../../core/index.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { expectRight } from '../support/either.js';

export interface WriteRepositorySubject {
  readonly writes: WriteRepository;
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute));

export const describeWriteRepositoryContract = (name: string, setup: () => Promise<WriteRepositorySubject>) =>
  describe(`WriteRepository contract (${name})`, () => {
    let writes: WriteRepository;
    const organizationId = anOrganization();
    const connectionId = anId();
    const aWrite = (overrides: Partial<Write> = {}): Write => ({
      id: anId(),
      organizationId,
      connectionId,
      request: { kind: 'update', taskId: anId(), baseVersion: '2026-01-01T00:00:00.000Z', title: 'New title', assignee: { email: 'dev@acme.test' }, dueDate: null, status: 'done' },
      idempotencyKey: null,
      requestDigest: '{"request":1}',
      status: 'queued',
      attempts: 0,
      result: null,
      failure: null,
      requestedBy: 'user-1',
      requestId: 'req-1',
      createdAt: at(0),
      updatedAt: at(0),
      finishedAt: null,
      ...overrides,
    });
    beforeEach(async () => {
      ({ writes } = await setup());
    });

    it('keeps a write from queued through running to succeeded, with the tracker answer', async () => {
      const write = aWrite();
      expect(await expectRight(writes.record(write))).to.deep.equal({ write, created: true });
      const running = await expectRight(writes.claim(organizationId, write.id, at(1)));
      expect(running).to.deep.equal({ ...write, status: 'running', attempts: 1, updatedAt: at(1) });
      expect(await expectRight(writes.claim(organizationId, write.id, at(2)))).to.equal(null);
      const result = { externalId: '10001', key: 'PROJ-1', version: 'v2', taskId: anId(), overwritten: ['title' as const] };
      const done = await expectRight(writes.finish(organizationId, write.id, { status: 'succeeded', result }, at(3)));
      expect(done).to.deep.equal({ ...write, status: 'succeeded', attempts: 1, result, updatedAt: at(3), finishedAt: at(3) });
      expect(await expectRight(writes.findById(organizationId, write.id))).to.deep.equal(done);
      expect(await expectRight(writes.finish(organizationId, write.id, { status: 'succeeded', result }, at(4)))).to.equal(null);
    });

    it('puts a running write back in the queue for a retry, counting each attempt', async () => {
      const write = aWrite({ request: { kind: 'create', projectKey: 'PROJ', title: 'New' } });
      await expectRight(writes.record(write));
      await expectRight(writes.claim(organizationId, write.id, at(1)));
      expect((await expectRight(writes.release(organizationId, write.id, at(2))))?.status).to.equal('queued');
      expect((await expectRight(writes.claim(organizationId, write.id, at(3))))?.attempts).to.equal(2);
    });

    it("lists the connection's writes running now, started at or after a time, and no other organization's or connection's", async () => {
      const early = aWrite();
      const late = aWrite();
      const queued = aWrite();
      const done = aWrite();
      const elsewhere = aWrite({ connectionId: anId() });
      const otherOrganization = aWrite({ organizationId: anOrganization() });
      for (const write of [early, late, queued, done, elsewhere, otherOrganization]) await expectRight(writes.record(write));
      await expectRight(writes.claim(organizationId, early.id, at(1)));
      for (const write of [late, done, elsewhere]) await expectRight(writes.claim(write.organizationId, write.id, at(5)));
      await expectRight(writes.claim(otherOrganization.organizationId, otherOrganization.id, at(5)));
      await expectRight(writes.finish(organizationId, done.id, { status: 'failed', failure: { code: 'write/unavailable', message: 'down', details: [], conflicts: null } }, at(6)));

      expect((await expectRight(writes.runningFor(organizationId, connectionId, at(0)))).map((w) => w.id)).to.deep.equal([early.id, late.id]);
      expect((await expectRight(writes.runningFor(organizationId, connectionId, at(5)))).map((w) => w.id)).to.deep.equal([late.id]);
      expect(await expectRight(writes.runningFor(organizationId, connectionId, at(6)))).to.deep.equal([]);
    });

    it('answers the earlier write for an idempotency key already used in the organization', async () => {
      const first = aWrite({ idempotencyKey: 'key-1' });
      await expectRight(writes.record(first));
      const second = await expectRight(writes.record(aWrite({ idempotencyKey: 'key-1', requestDigest: 'other' })));
      expect(second).to.deep.equal({ write: first, created: false });
      const elsewhere = aWrite({ organizationId: anOrganization(), idempotencyKey: 'key-1' });
      expect((await expectRight(writes.record(elsewhere))).created).to.equal(true);
    });

    it('hides another organization write and knows when the connection writes were last refused', async () => {
      const write = aWrite();
      await expectRight(writes.record(write));
      expect(await expectRight(writes.findById(anOrganization(), write.id))).to.equal(null);
      expect(await expectRight(writes.lastAuthFailureAt(organizationId, connectionId))).to.equal(null);
      const failure = { code: 'write/auth' as const, message: 'refused', details: [], conflicts: null };
      await expectRight(writes.finish(organizationId, write.id, { status: 'failed', failure }, at(5)));
      expect(await expectRight(writes.lastAuthFailureAt(organizationId, connectionId))).to.deep.equal(at(5));
      expect((await expectRight(writes.findById(organizationId, write.id)))?.failure).to.deep.equal(failure);
    });
  });
