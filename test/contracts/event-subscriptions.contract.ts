import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { expectRight } from '../support/either.js';
import type { EventPortsSubject } from './event-ports.js';

export const describeEventSubscriptionsContract = (name: string, setup: () => Promise<EventPortsSubject>) =>
  describe(`EventSubscriptions contract (${name})`, () => {
    let subject: EventPortsSubject;
    const subscription = `host-${randomUUID()}`;
    beforeEach(async () => (subject = await setup()));
    const lease = (holder: string, ms = 30_000) =>
      expectRight(subject.eventSubscriptions.lease(subscription, holder, subject.clock.now(), new Date(subject.clock.now().getTime() + ms)));

    it('leases a new subscription from the start, to one holder at a time, until its lease ends', async () => {
      expect(await lease('a')).to.deep.equal({ leased: true, position: null });
      expect(await lease('b')).to.deep.equal({ leased: false });
      expect(await lease('a')).to.deep.equal({ leased: true, position: null });
      subject.clock.advance(30_000);
      expect(await lease('b')).to.deep.equal({ leased: true, position: null });
      expect(await expectRight(subject.eventSubscriptions.advance(subscription, 'a', '7'))).to.equal(false);
    });

    it('remembers the position its holder reached, across holders', async () => {
      await lease('a');
      expect(await expectRight(subject.eventSubscriptions.advance(subscription, 'a', '41'))).to.equal(true);
      await expectRight(subject.eventSubscriptions.release(subscription, 'a'));
      expect(await lease('b')).to.deep.equal({ leased: true, position: '41' });
      await expectRight(subject.eventSubscriptions.release(subscription, 'a'));
      expect(await lease('c')).to.deep.equal({ leased: false });
    });
  });
