import { expect } from 'chai';
import { DEFAULT_INBOX_LEASE_MS } from '../../../adapters/memory/index.js';
import { TRACKER_API_TOKEN, TRACKER_BASE_URL } from '../../builders/connection-input-builder.js';
import { ORG_A, right, requester } from '../../builders/harness.js';
import { refetchDelivery, signedDelivery } from '../../builders/tracker-webhook-builder.js';
import { SECRET, version, webhookHarness, type WebhookHarness } from './webhook-harness.js';

/** A `refetch` delivery names an item without carrying it: applying it reads the item from the tracker. */
describe('receiveWebhook: a delivery that names an item without carrying it', () => {
  let w: WebhookHarness;
  beforeEach(async () => (w = await webhookHarness()));
  const refetch = (externalId: string, deliveryId?: string) => signedDelivery(refetchDelivery(externalId), { secret: SECRET, ...(deliveryId === undefined ? {} : { deliveryId }) });
  const holds = (...issues: Parameters<typeof version>[]) => w.h.adapters.issueSource.setIssues(TRACKER_BASE_URL, issues.map((args) => version(...args)));

  it('applies the item as the tracker shows it when the delivery is applied, keyed by the delivery', async () => {
    holds([1, 0, { title: 'Before the delivery' }]);
    expect(await right(w.send(refetch('10001', 'refetch-1')))).to.include({ outcome: 'accepted' });
    holds([1, 10, { title: 'As the tracker shows it now' }]);
    expect(w.tasks()).to.deep.equal([]);

    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);

    expect(w.tasks()).to.have.length(1);
    expect(w.tasks()[0]).to.deep.include({ externalId: '10001', title: 'As the tracker shows it now', sourceVersion: version(1, 10).version, connectionId: w.connectionId });
    expect([...w.h.adapters.state.events.values()].map((e) => [e.idempotencyKey, e.kind])).to.deep.equal([['webhook:tracker:acme.tracker.test:refetch-1', 'webhook']]);
    expect(w.h.adapters.domainEvents.published.map((e) => e.change)).to.deep.equal(['created']);
  });

  it('ignores the delivery when the tracker no longer has the item, or never had it, and changes nothing', async () => {
    holds([1, 0, { title: 'Still there' }]);
    await right(w.send(refetch('10001')));
    await w.drain();
    const before = w.tasks().map((t) => ({ ...t }));
    holds();

    expect(await right(w.send(refetch('10001', 'after-the-item-was-deleted')))).to.include({ outcome: 'accepted' });
    expect(await right(w.send(refetch('10099')))).to.include({ outcome: 'accepted' });
    expect(await w.drain()).to.deep.equal([{ claimed: 2, applied: 0, duplicate: 0, ignored: 2, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);

    expect(w.tasks()).to.deep.equal(before);
    expect(w.h.adapters.domainEvents.published).to.have.length(1);
  });

  it("reads the item through the connection's filter and project scope, as a sync does", async () => {
    const filtered = await webhookHarness({ connection: { filter: 'OPS' } });
    filtered.h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [version(1, 0), version(2, 0, { key: 'OPS-2', projectKey: 'OPS' })]);
    await right(filtered.send(refetch('10001')));
    await right(filtered.send(refetch('10002')));
    expect(await filtered.drain()).to.deep.equal([{ claimed: 2, applied: 1, duplicate: 0, ignored: 1, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect(filtered.tasks().map((t) => t.key)).to.deep.equal(['OPS-2']);

    const limited = await webhookHarness({ connection: { projectScope: ['OPS'] } });
    limited.h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [version(1, 0)]);
    await right(limited.send(refetch('10001')));
    expect(await limited.drain()).to.deep.equal([{ claimed: 1, applied: 0, duplicate: 0, ignored: 1, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect(limited.tasks()).to.deep.equal([]);
  });

  it('leaves the delivery pending when the tracker refuses the credentials, so a pass after they are fixed applies it', async () => {
    holds([1, 0]);
    await right(w.send(refetch('10001')));
    w.h.adapters.issueSource.rejectToken(TRACKER_API_TOKEN);
    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 0, duplicate: 0, ignored: 0, dropped: 0, failed: 1, postponed: 0, deadLettered: [] }]);
    expect(w.h.adapters.webhookInbox.rows().map((row) => row.completedAt)).to.deep.equal([null]);
    expect(w.tasks()).to.deep.equal([]);

    await right(w.h.updateConnection(requester(ORG_A), w.connectionId, { apiToken: 'a-token-the-tracker-accepts' }));
    w.h.adapters.clock.advance(DEFAULT_INBOX_LEASE_MS + 1);
    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect(w.tasks().map((t) => t.key)).to.deep.equal(['PROJ-1']);
  });
  it("reads the items of a pass's deliveries with one fetch per connection, each delivery applied once under its own key", async () => {
    holds([1, 0], [2, 0], [3, 0]);
    for (const [id, delivery] of [['10001', 'named-1'], ['10002', 'named-2'], ['10003', 'named-3'], ['10002', 'named-2-again'], ['10099', 'named-gone']] as const)
      expect(await right(w.send(refetch(id, delivery)))).to.include({ outcome: 'accepted' });

    expect(await w.drain()).to.deep.equal([{ claimed: 5, applied: 4, duplicate: 0, ignored: 1, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);

    expect(w.h.adapters.issueSource.fetches.map((ids) => [...ids].sort())).to.deep.equal([['10001', '10002', '10003', '10099']]);
    expect(w.tasks().map((t) => t.externalId).sort()).to.deep.equal(['10001', '10002', '10003']);
    expect([...w.h.adapters.state.events.values()].map((e) => e.idempotencyKey).sort()).to.deep.equal(
      ['named-1', 'named-2', 'named-2-again', 'named-3'].map((id) => `webhook:tracker:acme.tracker.test:${id}`),
    );
  });

  it('fails every delivery that needed a read that failed, and only them: none of them is completed', async () => {
    holds([1, 0], [2, 0]);
    await right(w.send(refetch('10001')));
    await right(w.send(refetch('10002')));
    await right(w.send(w.upsert(version(3, 0))));
    w.h.adapters.issueSource.rejectToken(TRACKER_API_TOKEN);

    expect(await w.drain()).to.deep.equal([{ claimed: 3, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 2, postponed: 0, deadLettered: [] }]);

    expect(w.h.adapters.issueSource.fetches).to.have.length(1);
    expect(w.h.adapters.webhookInbox.rows().filter((row) => row.completedAt === null)).to.have.length(2);
    expect(w.tasks().map((t) => t.externalId)).to.deep.equal(['10003']);
  });
});
