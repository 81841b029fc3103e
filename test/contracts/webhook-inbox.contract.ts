import { expect } from 'chai';
import type { ClaimedDelivery, InboxDelivery, WebhookInbox } from '../../core/index.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { expectRight } from '../support/either.js';

export interface WebhookInboxSubject {
  readonly webhookInbox: WebhookInbox;
}

/** The lease both adapters are set up with for this contract. */
export const CONTRACT_LEASE_MS = 10_000;

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

export const describeWebhookInboxContract = (name: string, setup: () => Promise<WebhookInboxSubject>) =>
  describe(`WebhookInbox contract (${name})`, () => {
    let inbox: WebhookInbox;
    beforeEach(async () => ({ webhookInbox: inbox } = await setup()));
    let n = 0;
    const aDelivery = (changes: Partial<InboxDelivery> = {}): InboxDelivery => ({
      organizationId: anOrganization(),
      connectionId: anId(),
      provider: 'tracker',
      deliveryId: `delivery-${(n += 1)}`,
      deliveryKey: `webhook:tracker:acme.tracker.test:delivery-${n}`,
      receivedAt: T0,
      rawBody: Buffer.from(`{"event":"upsert","n":${n},"bytes":"\u00e9\u0000\\\\"}`),
      headers: { 'x-tracker-delivery': `delivery-${n}` },
      ...changes,
    });
    const withoutLease = ({ id: _id, attempts: _attempts, ...delivery }: ClaimedDelivery) => ({ ...delivery, rawBody: Buffer.from(delivery.rawBody) });

    it('records a delivery and hands it back whole: tenancy, provider, body bytes, headers, time', async () => {
      const delivery = aDelivery();
      expect(await expectRight(inbox.record(delivery))).to.equal('recorded');
      const [claimed, ...others] = await expectRight(inbox.claim(10, T0));
      expect(others).to.deep.equal([]);
      expect(withoutLease(claimed!)).to.deep.equal({ ...delivery, rawBody: Buffer.from(delivery.rawBody) });
      expect(claimed!.attempts).to.equal(1);
    });

    it('answers a delivery already recorded as a duplicate and keeps nothing of it, even when both arrive at once', async () => {
      const delivery = aDelivery();
      const outcomes = await Promise.all([inbox.record(delivery)(), inbox.record({ ...delivery, rawBody: Buffer.from('{"other":true}') })()]);
      expect(outcomes.map((o) => (o._tag === 'Right' ? o.right : 'left')).sort()).to.deep.equal(['duplicate', 'recorded']);
      expect(await expectRight(inbox.record(delivery))).to.equal('duplicate');
      expect(await expectRight(inbox.claim(10, T0))).to.have.length(1);
    });

    it('keys a delivery by its organization and key: the same key through another connection of the organization is a duplicate', async () => {
      const first = aDelivery();
      expect(await expectRight(inbox.record(first))).to.equal('recorded');
      expect(await expectRight(inbox.record({ ...first, connectionId: anId() }))).to.equal('duplicate');
      expect(await expectRight(inbox.record({ ...first, organizationId: anOrganization() }))).to.equal('recorded');
      expect(await expectRight(inbox.record({ ...first, deliveryKey: `${first.deliveryKey}-other-site` }))).to.equal('recorded');
    });

    it('records many concurrent deliveries each once', async () => {
      const deliveries = Array.from({ length: 50 }, () => aDelivery());
      const outcomes = await Promise.all([...deliveries, ...deliveries].map(async (d) => expectRight(inbox.record(d))));
      expect(outcomes.filter((o) => o === 'recorded')).to.have.length(50);
      const claimed = await expectRight(inbox.claim(200, T0));
      expect(claimed.map((c) => c.deliveryId).sort()).to.deep.equal(deliveries.map((d) => d.deliveryId).sort());
    });

    it('claims oldest first, at most `limit`, and never hands a leased delivery to a second claimer', async () => {
      const deliveries = Array.from({ length: 6 }, () => aDelivery());
      for (const d of deliveries) await expectRight(inbox.record(d));
      expect((await expectRight(inbox.claim(2, T0))).map((c) => c.deliveryId)).to.deep.equal(deliveries.slice(0, 2).map((d) => d.deliveryId));
      const concurrent = await Promise.all([inbox.claim(3, at(1))(), inbox.claim(3, at(1))(), inbox.claim(3, at(1))()]);
      const ids = concurrent.flatMap((c) => (c._tag === 'Right' ? c.right.map((d) => d.deliveryId) : ['left']));
      expect(ids.sort()).to.deep.equal(deliveries.slice(2).map((d) => d.deliveryId).sort());
      expect(await expectRight(inbox.claim(10, at(CONTRACT_LEASE_MS - 1)))).to.deep.equal([]);
    });

    it('offers a delivery again once its lease has ended without completion (a crashed claimer)', async () => {
      const delivery = aDelivery();
      await expectRight(inbox.record(delivery));
      const [first] = await expectRight(inbox.claim(1, T0));
      const [again] = await expectRight(inbox.claim(1, at(CONTRACT_LEASE_MS)));
      expect([again!.id, again!.deliveryId, again!.attempts]).to.deep.equal([first!.id, delivery.deliveryId, 2]);
    });

    it('never offers a completed delivery again, and still answers a resend of it as a duplicate', async () => {
      const [done, pending] = [aDelivery(), aDelivery()];
      await expectRight(inbox.record(done));
      await expectRight(inbox.record(pending));
      const claimed = await expectRight(inbox.claim(10, T0));
      await expectRight(inbox.complete([claimed[0]!.id], at(5)));
      expect((await expectRight(inbox.claim(10, at(10 * CONTRACT_LEASE_MS)))).map((c) => c.deliveryId)).to.deep.equal([pending.deliveryId]);
      expect(await expectRight(inbox.record(done))).to.equal('duplicate');
      await expectRight(inbox.complete([], at(6)));
    });

    it('offers a failed delivery again only from the time it was given, with the reason kept', async () => {
      const delivery = aDelivery();
      await expectRight(inbox.record(delivery));
      const [first] = await expectRight(inbox.claim(1, T0));
      await expectRight(inbox.retryLater(first!.id, 'the tracker is down', at(60_000)));
      expect(await expectRight(inbox.claim(1, at(CONTRACT_LEASE_MS)))).to.deep.equal([]);
      const [again] = await expectRight(inbox.claim(1, at(60_000)));
      expect([again!.id, again!.attempts]).to.deep.equal([first!.id, 2]);
    });

    it('offers a postponed delivery again only from the time it was given, and does not count the claim that postponed it', async () => {
      const delivery = aDelivery();
      await expectRight(inbox.record(delivery));
      const [first] = await expectRight(inbox.claim(1, T0));
      await expectRight(inbox.postpone(first!.id, at(1_000)));
      expect(await expectRight(inbox.claim(1, at(999)))).to.deep.equal([]);
      const [again] = await expectRight(inbox.claim(1, at(1_000)));
      await expectRight(inbox.postpone(again!.id, at(2_000)));
      const [third] = await expectRight(inbox.claim(1, at(2_000)));
      expect([again!.id, again!.attempts, third!.id, third!.attempts]).to.deep.equal([first!.id, 1, first!.id, 1]);
    });

    it('never offers a dead letter again; lists and counts it for its connection only; replays it, tries counted anew, body whole', async () => {
      const organizationId = anOrganization();
      const connectionId = anId();
      const [dead, alive, elsewhere] = [aDelivery({ organizationId, connectionId }), aDelivery({ organizationId, connectionId }), aDelivery({ organizationId })];
      for (const d of [dead, alive, elsewhere]) await expectRight(inbox.record(d));
      const claimed = await expectRight(inbox.claim(10, T0));
      const id = claimed.find((c) => c.deliveryId === dead.deliveryId)!.id;
      await expectRight(inbox.deadLetter(id, 'refused five times', at(1)));
      expect((await expectRight(inbox.claim(10, at(10 * CONTRACT_LEASE_MS)))).map((c) => c.deliveryId).sort()).to.deep.equal([alive.deliveryId, elsewhere.deliveryId].sort());

      expect(await expectRight(inbox.listDeadLetters(organizationId, connectionId, 10))).to.deep.equal([
        { id, connectionId, provider: 'tracker', deliveryId: dead.deliveryId, receivedAt: T0, attempts: 1, reason: 'refused five times', deadLetteredAt: at(1) },
      ]);
      expect(await expectRight(inbox.listDeadLetters(anOrganization(), connectionId, 10))).to.deep.equal([]);
      expect([...(await expectRight(inbox.countDeadLetters(organizationId, [connectionId, elsewhere.connectionId, anId()])))]).to.deep.equal([[connectionId, 1]]);
      expect(await expectRight(inbox.replay(anOrganization(), connectionId, 'all'))).to.deep.equal([]);
      expect(await expectRight(inbox.replay(organizationId, connectionId, ['999999', 'not-an-id']))).to.deep.equal([]);

      expect(await expectRight(inbox.replay(organizationId, connectionId, [id]))).to.deep.equal([id]);
      expect(await expectRight(inbox.countDeadLetters(organizationId, [connectionId]))).to.have.property('size', 0);
      const [replayed, ...rest] = await expectRight(inbox.claim(10, at(10 * CONTRACT_LEASE_MS)));
      expect(rest).to.deep.equal([]);
      expect(withoutLease(replayed!)).to.deep.equal({ ...dead, rawBody: Buffer.from(dead.rawBody) });
      expect(replayed!.attempts).to.equal(1);
      expect(await expectRight(inbox.replay(organizationId, connectionId, 'all'))).to.deep.equal([]);
    });
  });
