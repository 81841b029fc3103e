import { expect } from 'chai';
import { ORG_A, right, requester } from '../../builders/harness.js';
import { trackerStatuses } from '../../builders/source-issue-builder.js';
import { otherDelivery, signedDelivery, upsertDelivery } from '../../builders/tracker-webhook-builder.js';
import { SECRET, version, webhookHarness, type WebhookHarness } from './webhook-harness.js';

describe('receiveWebhook: what a delivery does', () => {
  let w: WebhookHarness;
  beforeEach(async () => (w = await webhookHarness()));
  const published = () => w.h.adapters.domainEvents.published;
  const eventLog = () => [...w.h.adapters.state.events.values()];

  it('maps the item through the same path as a sync: status and priority mappings, user mappings, the item’s version', async () => {
    await right(w.h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'dev@acme.example', resourceId: '4b4b4b4b-0000-4000-8000-000000000001' }));
    const issue = version(1, 0, { ...trackerStatuses.inProgress, rawPriority: 'P2', description: 'Steps\n* one', assigneeEmail: 'Dev@Acme.example', assigneeExternalId: 'acc-1' });
    const delivery = w.upsert(issue);
    expect(await right(w.send(delivery))).to.include({ outcome: 'accepted' });
    expect(w.tasks()).to.deep.equal([]);
    await w.drain();
    expect(w.tasks()).to.have.length(1);
    expect(w.tasks()[0]).to.deep.include({
      organizationId: ORG_A,
      connectionId: w.connectionId,
      externalSystem: 'tracker',
      site: 'acme.tracker.test',
      externalId: '10001',
      key: 'PROJ-1',
      url: 'https://acme.tracker.test/browse/PROJ-1',
      status: 'in_progress',
      priority: 'high',
      description: 'Steps\n* one',
      assigneeEmail: 'dev@acme.example',
      resourceId: '4b4b4b4b-0000-4000-8000-000000000001',
      externalUpdatedAt: issue.updatedAt,
      sourceVersion: issue.version,
    });
    expect(published().map((e) => [e.type, e.change])).to.deep.equal([['external_task.updated', 'created']]);
    expect(eventLog()).to.deep.equal([
      {
        idempotencyKey: `webhook:tracker:acme.tracker.test:${delivery.headers['x-tracker-delivery']}`,
        organizationId: ORG_A,
        connectionId: w.connectionId,
        externalId: '10001',
        kind: 'webhook',
        processedAt: w.h.adapters.clock.now(),
      },
    ]);
  });

  it('records the same delivery once however often it arrives, and applies it once: one task write, one domain event, one event-log row', async () => {
    const delivery = w.upsert(version(1, 5), { deliveryId: 'a1b2c3' });
    const outcomes = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      // A retry may differ in headers the tracker adds; the delivery id is what makes it one.
      const resent = { ...delivery, headers: attempt === 0 ? delivery.headers : { ...delivery.headers, 'x-tracker-retry': String(attempt) } };
      outcomes.push((await right(w.send(resent))).outcome);
      w.h.adapters.clock.advance(1000);
      if (attempt === 4) await w.drain();
    }
    await w.drain();
    expect(outcomes).to.deep.equal(['accepted', ...Array(9).fill('duplicate')]);
    expect(w.h.adapters.webhookInbox.rows()).to.have.length(1);
    expect(w.tasks()).to.have.length(1);
    expect(w.tasks()[0]!.updatedAt).to.deep.equal(w.tasks()[0]!.createdAt);
    expect(published()).to.have.length(1);
    expect(eventLog()).to.have.length(1);
    expect(await w.stats()).to.include({ accepted: 10, refused: 0 });
  });

  it('dedupes on a hash of the body when the delivery has no identifier', async () => {
    const body = upsertDelivery(version(1, 5));
    const first = await right(w.send(signedDelivery(body, { secret: SECRET, deliveryId: null })));
    const again = await right(w.send(signedDelivery(body, { secret: SECRET, deliveryId: null })));
    expect([first.outcome, again.outcome]).to.deep.equal(['accepted', 'duplicate']);
    expect(first.deliveryId).to.match(/^sha256:[0-9a-f]{64}$/);
  });

  it('lets the newest version win whatever order deliveries arrive in', async () => {
    const versions = [3, 1, 4, 2].map((minute) => version(1, minute, { title: `minute ${minute}` }));
    for (const v of versions) await right(w.send(w.upsert(v)));
    await w.drain();
    expect(w.tasks()).to.have.length(1);
    expect(w.tasks()[0]).to.deep.include({ title: 'minute 4', externalUpdatedAt: versions[2]!.updatedAt, sourceVersion: versions[2]!.version });
    expect(published().map((e) => e.task.title)).to.deep.equal(['minute 3', 'minute 4']);
  });

  it('marks the task of a deleted item, hides it from the default list, and keeps it deleted against a late older version', async () => {
    await right(w.send(w.upsert(version(1, 0))));
    await right(w.send(w.upsert(version(2, 0))));
    await w.drain();
    const deletedAt = new Date(Date.UTC(2026, 0, 1, 10, 0));
    const deleted = w.deletion('10001', deletedAt);
    expect((await right(w.send(deleted))).outcome).to.equal('accepted');
    await w.drain();
    const task = w.tasks().find((t) => t.key === 'PROJ-1')!;
    expect(task).to.deep.include({ deletedAt, externalUpdatedAt: deletedAt });
    expect(published().at(-1)).to.deep.include({ type: 'external_task.deleted', change: 'deleted', organizationId: ORG_A, changedFields: ['deletedAt', 'externalUpdatedAt'] });
    expect((await right(w.h.listTasks(ORG_A, {}))).items.map((t) => t.key)).to.deep.equal(['PROJ-2']);
    expect((await right(w.h.listTasks(ORG_A, { includeDeleted: 'true' }))).items).to.have.length(2);

    const eventsBefore = published().length;
    await right(w.send(w.upsert(version(1, 30, { title: 'late edit' }))));
    expect((await right(w.send(deleted))).outcome).to.equal('duplicate');
    await w.drain();
    expect(w.tasks().find((t) => t.key === 'PROJ-1')).to.deep.include({ deletedAt, title: task.title });
    expect(published()).to.have.length(eventsBefore);
  });

  it('acknowledges a deletion of an item it never stored, and other events, without changing anything', async () => {
    expect((await right(w.send(w.deletion('10009', new Date(Date.UTC(2026, 0, 1, 9, 0)))))).outcome).to.equal('accepted');
    expect((await right(w.send(signedDelivery(otherDelivery('comment_added'), { secret: SECRET })))).outcome).to.equal('ignored');
    expect(w.h.adapters.webhookInbox.rows()).to.have.length(1);
    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect(w.tasks()).to.deep.equal([]);
    expect(published()).to.deep.equal([]);
  });

  it("ignores items of projects outside the connection's project scope, as its syncs do", async () => {
    const limited = await webhookHarness({ connection: { projectScope: ['OPS'] } });
    expect((await right(limited.send(limited.upsert(version(1, 0))))).outcome).to.equal('ignored');
    expect((await right(limited.send(limited.upsert(version(2, 0, { key: 'OPS-2', projectKey: 'OPS' }))))).outcome).to.equal('accepted');
    await limited.drain();
    expect(limited.tasks().map((t) => t.key)).to.deep.equal(['OPS-2']);
  });

  it('shows when the last authentic delivery came and how many were accepted and refused', async () => {
    expect(await w.stats()).to.deep.equal({ lastWebhookAt: null, accepted: 0, refused: 0, previousSecretValidUntil: null, deadLetters: 0 });
    await right(w.send(w.upsert(version(1, 0))));
    const acceptedAt = w.h.adapters.clock.now();
    w.h.adapters.clock.advance(60_000);
    await w.send(w.upsert(version(2, 0), { secret: 'wrong' }))();
    await w.send(signedDelivery('not json', { secret: SECRET }))();
    expect(await w.stats()).to.deep.equal({ lastWebhookAt: acceptedAt, accepted: 1, refused: 2, previousSecretValidUntil: null, deadLetters: 0 });
  });
});
