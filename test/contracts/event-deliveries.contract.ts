import { expect } from 'chai';
import type { AttemptOutcome, ClaimedEventDelivery, EventEndpoint } from '../../core/index.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { anEndpoint, anOutboxEvent } from '../support/builders/events.js';
import { expectLeft, expectRight } from '../support/either.js';
import { addEndpoint, claimAll, commitEvents, publishAll, type EventPortsSubject } from './event-ports.js';

export const describeEventDeliveriesContract = (name: string, setup: () => Promise<EventPortsSubject>) =>
  describe(`EventDeliveries contract (${name})`, () => {
    let subject: EventPortsSubject;
    let endpoint: EventEndpoint;
    const organizationId = anOrganization();
    beforeEach(async () => {
      subject = await setup();
      endpoint = await addEndpoint(subject, anEndpoint({ organizationId }));
    });

    const publish = async (...events: ReturnType<typeof anOutboxEvent>[]) => {
      await commitEvents(subject, events);
      await publishAll(subject);
    };
    const record = (claimed: ClaimedEventDelivery, outcome: AttemptOutcome, statusCode: number | null = 200, disableEndpoint: string | null = null) =>
      expectRight(
        subject.eventDeliveries.recordAttempt({
          deliveryId: claimed.id,
          endpointId: claimed.endpointId,
          attempt: { at: subject.clock.now(), statusCode, error: statusCode === null ? 'timed out' : null, durationMs: 5 },
          outcome,
          disableEndpoint,
        }),
      );
    const list = () => expectRight(subject.eventDeliveries.list(organizationId, endpoint.id, { limit: 50, before: null }));

    it('claims due deliveries with what sending needs, and leases them until the lease ends', async () => {
      const event = anOutboxEvent({ organizationId });
      await publish(event);
      const [claimed, ...more] = await claimAll(subject);
      expect(more).to.deep.equal([]);
      expect(claimed).to.deep.include({ organizationId, endpointId: endpoint.id, eventId: event.id, eventType: event.type, attempts: 0 });
      expect(claimed!.endpoint).to.deep.equal({ url: endpoint.url, signingSecret: endpoint.signingSecret, previousSigningSecret: null, failingSince: null });
      expect(await claimAll(subject)).to.deep.equal([]);
      subject.clock.advance(61_000);
      expect((await claimAll(subject)).map((d) => d.id)).to.deep.equal([claimed!.id]);
    });

    it('holds a later event of a task until the earlier one was delivered or given up, whoever claims', async () => {
      const taskId = anId();
      const [first, second, third] = [anOutboxEvent({ organizationId, taskId }), anOutboxEvent({ organizationId, taskId }), anOutboxEvent({ organizationId, taskId })];
      const otherTask = anOutboxEvent({ organizationId });
      await publish(first!, second!, third!, otherTask);
      const claimed = await claimAll(subject);
      expect(claimed.map((d) => d.eventId).sort()).to.deep.equal([first!.id, otherTask.id].sort());
      const head = claimed.find((d) => d.eventId === first!.id)!;
      await record(head, { kind: 'retry', nextAttemptAt: new Date(subject.clock.now().getTime() + 10_000) }, 500);
      expect(await claimAll(subject)).to.deep.equal([]);
      subject.clock.advance(10_000);
      const again = await claimAll(subject);
      expect(again.map((d) => [d.eventId, d.attempts, d.firstAttemptAt])).to.deep.equal([[first!.id, 1, new Date(subject.clock.now().getTime() - 10_000)]]);
      await record(again[0]!, { kind: 'delivered' });
      const next = await claimAll(subject);
      expect(next.map((d) => d.eventId)).to.deep.equal([second!.id]);
      await record(next[0]!, { kind: 'given-up' }, 500);
      expect((await claimAll(subject)).map((d) => d.eventId)).to.deep.equal([third!.id]);
    });

    it('keeps the latest attempts, and the endpoint failing since its first failure until a success', async () => {
      await publish(anOutboxEvent({ organizationId }));
      const [claimed] = await claimAll(subject);
      const failedAt = subject.clock.now();
      await record(claimed!, { kind: 'retry', nextAttemptAt: new Date(failedAt.getTime() + 10_000) }, null);
      expect((await expectRight(subject.eventEndpoints.findById(organizationId, endpoint.id)))?.failingSince).to.deep.equal(failedAt);
      subject.clock.advance(10_000);
      const [again] = await claimAll(subject);
      await record(again!, { kind: 'delivered' }, 204);
      const [delivery] = (await list()).items;
      expect(delivery).to.deep.include({ status: 'delivered', attempts: 2, nextAttemptAt: null, deliveredAt: subject.clock.now() });
      expect(delivery!.recentAttempts).to.deep.equal([
        { at: failedAt, statusCode: null, error: 'timed out', durationMs: 5 },
        { at: subject.clock.now(), statusCode: 204, error: null, durationMs: 5 },
      ]);
      expect((await expectRight(subject.eventEndpoints.findById(organizationId, endpoint.id)))?.failingSince).to.equal(null);
    });

    it('switches the endpoint off with the reason when told to, and claims nothing of it after', async () => {
      await publish(anOutboxEvent({ organizationId }), anOutboxEvent({ organizationId }));
      const [claimed] = await claimAll(subject);
      await record(claimed!, { kind: 'given-up' }, 500, 'Every delivery failed for a day');
      const stored = await expectRight(subject.eventEndpoints.findById(organizationId, endpoint.id));
      expect(stored).to.deep.include({ enabled: false, disabledReason: 'Every delivery failed for a day', disabledAt: subject.clock.now() });
      subject.clock.advance(120_000);
      expect(await claimAll(subject)).to.deep.equal([]);
    });

    it("lists an endpoint's deliveries newest first, page by page, and no other organization's", async () => {
      await publish(...Array.from({ length: 5 }, () => anOutboxEvent({ organizationId })));
      const all = (await list()).items;
      expect(all).to.have.length(5);
      expect([...all].map((d) => d.id)).to.deep.equal([...all].map((d) => d.id).sort().reverse());
      const first = await expectRight(subject.eventDeliveries.list(organizationId, endpoint.id, { limit: 2, before: null }));
      const second = await expectRight(subject.eventDeliveries.list(organizationId, endpoint.id, { limit: 3, before: first.next }));
      expect([...first.items, ...second.items].map((d) => d.id)).to.deep.equal(all.map((d) => d.id));
      expect(second.next).to.equal(null);
      expect((await expectRight(subject.eventDeliveries.list(anOrganization(), endpoint.id, { limit: 50, before: null }))).items).to.deep.equal([]);
    });

    it('retries a delivery now, for another day, whatever became of it; another organization cannot', async () => {
      await publish(anOutboxEvent({ organizationId }));
      const [claimed] = await claimAll(subject);
      await record(claimed!, { kind: 'given-up' }, 500);
      subject.clock.advance(5_000);
      const retried = await expectRight(subject.eventDeliveries.retry(organizationId, endpoint.id, claimed!.id, subject.clock.now()));
      expect(retried).to.deep.include({ status: 'pending', nextAttemptAt: subject.clock.now(), attempts: 1 });
      const [again] = await claimAll(subject);
      expect(again).to.deep.include({ id: claimed!.id, attempts: 1, firstAttemptAt: null });
      expect(await expectLeft(subject.eventDeliveries.retry(anOrganization(), endpoint.id, claimed!.id, subject.clock.now()))).to.deep.include({ _tag: 'EventDeliveryNotFound' });
      expect(await expectLeft(subject.eventDeliveries.retry(organizationId, endpoint.id, anId(), subject.clock.now()))).to.deep.include({ _tag: 'EventDeliveryNotFound' });
    });

    it('never hands one delivery to two claimers at once', async () => {
      await publish(...Array.from({ length: 20 }, () => anOutboxEvent({ organizationId })));
      const claims = await Promise.all(Array.from({ length: 4 }, () => expectRight(subject.eventDeliveries.claim(8, subject.clock.now()))));
      const ids = claims.flat().map((d) => d.id);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(ids.length + (await claimAll(subject)).length).to.equal(20);
    });
  });
