import { expect } from 'chai';
import type { EventLog } from '../../core/index.js';
import { anOrganization } from '../support/builders/ids.js';
import { aTaskEvent } from '../support/builders/task-event.js';
import { expectRight } from '../support/either.js';

export interface EventLogSubject {
  readonly events: EventLog;
}

export const describeEventLogContract = (name: string, setup: () => Promise<EventLogSubject>) =>
  describe(`EventLog contract (${name})`, () => {
    let events: EventLog;
    const organizationId = anOrganization();
    const event = () => aTaskEvent({ organizationId });
    beforeEach(async () => ({ events } = await setup()));

    it('records unknown keys and answers them as new', async () => {
      const batch = [event(), event(), { ...event(), kind: 'webhook' as const }];
      const fresh = await expectRight(events.recordNew(organizationId, batch));
      expect([...fresh]).to.have.members(batch.map((e) => e.idempotencyKey));
    });

    it('answers only the keys never seen before; known keys are a no-op, not an error', async () => {
      const [known, unknown] = [event(), event()];
      await expectRight(events.recordNew(organizationId, [known]));
      const fresh = await expectRight(events.recordNew(organizationId, [known, unknown]));
      expect([...fresh]).to.deep.equal([unknown.idempotencyKey]);
      expect([...(await expectRight(events.recordNew(organizationId, [known, unknown])))]).to.deep.equal([]);
    });

    it('counts a key given twice in one batch once', async () => {
      const twice = event();
      const fresh = await expectRight(events.recordNew(organizationId, [twice, { ...twice, kind: 'webhook' }]));
      expect([...fresh]).to.deep.equal([twice.idempotencyKey]);
    });

    it('keeps organizations apart: two organizations reaching the same site each process its versions once', async () => {
      const first = event();
      await expectRight(events.recordNew(organizationId, [first]));
      const other = anOrganization();
      expect([...(await expectRight(events.recordNew(other, [{ ...first, organizationId: other }])))]).to.deep.equal([first.idempotencyKey]);
      expect([...(await expectRight(events.recordNew(other, [{ ...first, organizationId: other }])))]).to.deep.equal([]);
      expect([...(await expectRight(events.recordNew(organizationId, [first])))]).to.deep.equal([]);
    });

    it('takes a large batch at once, and nothing for an empty one', async () => {
      const batch = Array.from({ length: 1000 }, event);
      expect((await expectRight(events.recordNew(organizationId, batch))).size).to.equal(1000);
      expect((await expectRight(events.recordNew(organizationId, []))).size).to.equal(0);
    });
  });
