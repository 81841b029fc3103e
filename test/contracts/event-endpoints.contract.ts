import { expect } from 'chai';
import { anOrganization } from '../support/builders/ids.js';
import { anEndpoint, anOutboxEvent } from '../support/builders/events.js';
import { expectLeft, expectRight } from '../support/either.js';
import { addEndpoint, claimAll, commitEvents, publishAll, type EventPortsSubject } from './event-ports.js';

export const describeEventEndpointsContract = (name: string, setup: () => Promise<EventPortsSubject>) =>
  describe(`EventEndpointRepository contract (${name})`, () => {
    let subject: EventPortsSubject;
    const organizationId = anOrganization();
    beforeEach(async () => (subject = await setup()));
    const find = (id: string, org = organizationId) => expectRight(subject.eventEndpoints.findById(org, id as never));

    it('stores endpoints and reads them back exactly, oldest first, to their organization only', async () => {
      const first = anEndpoint({ organizationId, eventTypes: ['external_task.created', 'connection.sync_failed'], description: 'CRM' });
      const second = anEndpoint({
        organizationId,
        createdAt: new Date('2026-01-02T00:00:00.000Z'),
        previousSigningSecret: { secret: 'old-cipher' as never, validUntil: new Date('2026-01-03T00:00:00.000Z') },
      });
      await addEndpoint(subject, second);
      await addEndpoint(subject, first);
      expect(await find(first.id)).to.deep.equal(first);
      expect(await expectRight(subject.eventEndpoints.list(organizationId))).to.deep.equal([first, second]);
      expect(await find(first.id, anOrganization())).to.equal(null);
      expect(await expectRight(subject.eventEndpoints.list(anOrganization()))).to.deep.equal([]);
      expect(await find('not-a-uuid')).to.equal(null);
    });

    it("replaces what a person edits, keeps the deliverer's failure state, and forgets it when switched back on", async () => {
      const failing = anEndpoint({ organizationId, failingSince: new Date('2026-01-01T01:00:00.000Z') });
      await addEndpoint(subject, failing);
      const edited = await expectRight(subject.eventEndpoints.update({ ...failing, url: 'https://other.product.test/hook', failingSince: null, updatedAt: new Date('2026-01-02T00:00:00.000Z') }));
      expect(edited).to.deep.include({ url: 'https://other.product.test/hook', failingSince: failing.failingSince, updatedAt: new Date('2026-01-02T00:00:00.000Z') });
      const off = { ...edited, enabled: false, disabledReason: 'by taskport', disabledAt: new Date('2026-01-02T00:00:00.000Z') };
      // Only the deliverer switches an endpoint off with a reason; an edit that does keeps none.
      expect(await expectRight(subject.eventEndpoints.update(off))).to.deep.include({ enabled: false, disabledReason: null });
      const on = await expectRight(subject.eventEndpoints.update({ ...off, enabled: true }));
      expect(on).to.deep.include({ enabled: true, failingSince: null, disabledReason: null, disabledAt: null });
      expect(await expectLeft(subject.eventEndpoints.update({ ...on, organizationId: anOrganization() }))).to.deep.include({ _tag: 'EventEndpointNotFound' });
    });

    it('deletes an endpoint with its deliveries, for its organization only', async () => {
      const endpoint = await addEndpoint(subject, anEndpoint({ organizationId }));
      await commitEvents(subject, [anOutboxEvent({ organizationId })]);
      await publishAll(subject);
      expect(await expectLeft(subject.eventEndpoints.delete(anOrganization(), endpoint.id))).to.deep.include({ _tag: 'EventEndpointNotFound' });
      await expectRight(subject.eventEndpoints.delete(organizationId, endpoint.id));
      expect(await find(endpoint.id)).to.equal(null);
      expect(await claimAll(subject)).to.deep.equal([]);
      expect((await expectRight(subject.eventDeliveries.list(organizationId, endpoint.id, { limit: 10, before: null }))).items).to.deep.equal([]);
      expect(await expectLeft(subject.eventEndpoints.delete(organizationId, endpoint.id))).to.deep.include({ _tag: 'EventEndpointNotFound' });
    });
  });
