import { expect } from 'chai';
import { anOrganization } from '../support/builders/ids.js';
import { anEndpoint, anOutboxEvent } from '../support/builders/events.js';
import { expectRight } from '../support/either.js';
import { addEndpoint, claimAll, commitEvents, publishAll, type EventPortsSubject } from './event-ports.js';

export const describeEventFeedContract = (name: string, setup: () => Promise<EventPortsSubject>) =>
  describe(`EventFeed contract (${name})`, () => {
    let subject: EventPortsSubject;
    const organizationId = anOrganization();
    beforeEach(async () => (subject = await setup()));

    it('publishes committed events once, in the order they were written, each at a later position', async () => {
      const first = anOutboxEvent({ organizationId });
      const second = anOutboxEvent({ organizationId, type: 'external_task.created' });
      await commitEvents(subject, [first, second]);
      const third = anOutboxEvent({ organizationId });
      await commitEvents(subject, [third]);
      const published = await publishAll(subject);
      expect(published.map((e) => e.id)).to.deep.equal([first.id, second.id, third.id]);
      const positions = published.map((e) => BigInt(e.position));
      expect(positions[0]! < positions[1]! && positions[1]! < positions[2]!).to.equal(true);
      expect(published[0]).to.deep.include({ ...first, position: published[0]!.position });
      expect(await publishAll(subject)).to.deep.equal([]);
    });

    it("reads an organization's events after a position, of the types asked, up to the limit", async () => {
      const other = anOrganization();
      const events = [anOutboxEvent({ organizationId }), anOutboxEvent({ organizationId: other }), anOutboxEvent({ organizationId, type: 'connection.sync_succeeded', taskId: null })];
      await commitEvents(subject, events);
      const published = await publishAll(subject);
      const read = (query: Partial<Parameters<EventPortsSubject['eventFeed']['read']>[0]>) =>
        expectRight(subject.eventFeed.read({ organizationId, after: null, types: null, limit: 10, ...query }));
      expect((await read({})).map((e) => e.id)).to.deep.equal([events[0]!.id, events[2]!.id]);
      expect((await read({ after: published[0]!.position })).map((e) => e.id)).to.deep.equal([events[2]!.id]);
      expect((await read({ types: ['connection.sync_succeeded'] })).map((e) => e.id)).to.deep.equal([events[2]!.id]);
      expect((await read({ limit: 1 })).map((e) => e.id)).to.deep.equal([events[0]!.id]);
      expect((await read({ organizationId: null })).map((e) => e.id)).to.deep.equal(events.map((e) => e.id));
    });

    it('gives each published event a delivery for every enabled endpoint of its organization that takes its type', async () => {
      const all = await addEndpoint(subject, anEndpoint({ organizationId }));
      const createdOnly = await addEndpoint(subject, anEndpoint({ organizationId, eventTypes: ['external_task.created'] }));
      await addEndpoint(subject, anEndpoint({ organizationId, enabled: false }));
      await addEndpoint(subject, anEndpoint({ organizationId: anOrganization() }));
      const updated = anOutboxEvent({ organizationId });
      const created = anOutboxEvent({ organizationId, type: 'external_task.created' });
      await commitEvents(subject, [updated, created]);
      await publishAll(subject);
      const claimed = await claimAll(subject);
      expect(claimed.map((d) => [d.endpointId, d.eventId]).sort()).to.deep.equal(
        [
          [all.id, updated.id],
          [all.id, created.id],
          [createdOnly.id, created.id],
        ].sort(),
      );
      const body = JSON.parse(claimed.find((d) => d.eventId === updated.id)!.body) as Record<string, unknown>;
      expect(body).to.deep.equal({ ...updated, occurredAt: updated.occurredAt.toISOString() });
    });

    it('publishes each event exactly once when several publishers run at once', async () => {
      const events = Array.from({ length: 30 }, () => anOutboxEvent({ organizationId }));
      for (let i = 0; i < events.length; i += 5) await commitEvents(subject, events.slice(i, i + 5));
      const runs = await Promise.all(Array.from({ length: 4 }, () => expectRight(subject.eventFeed.publishPending(7, subject.clock.now()))));
      const rest = await publishAll(subject);
      const published = [...runs.flat(), ...rest];
      expect(published.map((e) => e.id).sort()).to.deep.equal(events.map((e) => e.id).sort());
      expect(new Set(published.map((e) => e.position)).size).to.equal(30);
      const read = await expectRight(subject.eventFeed.read({ organizationId, after: null, types: null, limit: 100 }));
      expect(read.map((e) => e.id)).to.deep.equal(events.map((e) => e.id));
    });

    it('trims published events that occurred before the cutoff and finished deliveries, keeping the rest', async () => {
      await addEndpoint(subject, anEndpoint({ organizationId }));
      const old = anOutboxEvent({ organizationId, occurredAt: new Date('2025-12-01T00:00:00.000Z') });
      const recent = anOutboxEvent({ organizationId, occurredAt: new Date('2026-01-01T00:00:00.000Z') });
      await commitEvents(subject, [old, recent]);
      await publishAll(subject);
      const unpublished = anOutboxEvent({ organizationId, occurredAt: new Date('2025-11-01T00:00:00.000Z') });
      await commitEvents(subject, [unpublished]);
      const [first] = await claimAll(subject);
      const at = subject.clock.now();
      await expectRight(
        subject.eventDeliveries.recordAttempt({ deliveryId: first!.id, endpointId: first!.endpointId, attempt: { at, statusCode: 200, error: null, durationMs: 3 }, outcome: { kind: 'delivered' }, disableEndpoint: null }),
      );
      subject.clock.advance(60_000);
      expect(await expectRight(subject.eventFeed.trim(new Date('2025-12-15T00:00:00.000Z')))).to.equal(1);
      expect(await expectRight(subject.eventFeed.trim(new Date(subject.clock.now().getTime())))).to.equal(1);
      const left = await expectRight(subject.eventFeed.read({ organizationId, after: null, types: null, limit: 10 }));
      expect(left).to.deep.equal([]);
      expect((await publishAll(subject)).map((e) => e.id)).to.deep.equal([unpublished.id]);
      const deliveries = await expectRight(subject.eventDeliveries.list(organizationId, first!.endpointId, { limit: 10, before: null }));
      expect(deliveries.items.map((d) => d.status)).to.deep.equal(['pending', 'pending']);
    });
  });
