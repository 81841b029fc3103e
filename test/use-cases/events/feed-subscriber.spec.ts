import { expect } from 'chai';
import type { PublishedEvent } from '../../../core/index.js';
import { aConnectionInput, TRACKER_BASE_URL } from '../../builders/connection-input-builder.js';
import { ORG_A, ORG_B, createHarness, requester, right, type Harness } from '../../builders/harness.js';
import { someIssues } from '../../builders/source-issue-builder.js';

describe('in-process subscribers of the feed', () => {
  let h: Harness;
  const subscription = { name: 'host', holder: 'process-1', leaseMs: 30_000 };
  const syncBoth = async () => {
    for (const org of [ORG_A, ORG_B]) {
      const { id } = await right(h.createConnection(requester(org), aConnectionInput()));
      h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(2));
      await right(h.sync(org, id));
    }
    await right(h.publishEvents(100));
  };
  beforeEach(() => (h = createHarness()));

  it("hands every organization's published events over in feed order, each once while nothing fails", async () => {
    await syncBoth();
    const seen: PublishedEvent[] = [];
    const pass = await right(h.feedSubscriber(subscription, async (event) => void seen.push(event), 100));
    expect(pass).to.deep.equal({ leased: true, handled: 6, stopped: false });
    expect(seen.map((e) => e.organizationId)).to.deep.equal([ORG_A, ORG_A, ORG_A, ORG_B, ORG_B, ORG_B]);
    expect(seen.map((e) => Number(e.position))).to.deep.equal([...seen.map((e) => Number(e.position))].sort((a, b) => a - b));
    expect(await right(h.feedSubscriber(subscription, async (event) => void seen.push(event), 100))).to.deep.include({ handled: 0 });
  });

  it('hands an event over again after the handler failed on it, and the ones after it only then', async () => {
    await syncBoth();
    const seen: string[] = [];
    let failOnce = true;
    const handler = async (event: PublishedEvent) => {
      if (seen.length === 2 && failOnce) {
        failOnce = false;
        throw new Error('the host database blinked');
      }
      seen.push(event.id);
    };
    expect(await right(h.feedSubscriber(subscription, handler, 100))).to.deep.equal({ leased: true, handled: 2, stopped: true });
    expect(await right(h.feedSubscriber(subscription, handler, 100))).to.deep.equal({ leased: true, handled: 4, stopped: false });
    expect(new Set(seen).size).to.equal(6);
  });

  it('lets one holder at a time take a subscription; another process waits for the lease', async () => {
    await syncBoth();
    await right(h.feedSubscriber(subscription, async () => undefined, 1));
    expect(await right(h.feedSubscriber({ ...subscription, holder: 'process-2' }, async () => undefined, 100))).to.deep.equal({ leased: false, handled: 0, stopped: false });
    h.adapters.clock.advance(30_000);
    expect(await right(h.feedSubscriber({ ...subscription, holder: 'process-2' }, async () => undefined, 100))).to.deep.equal({ leased: true, handled: 5, stopped: false });
  });
});
