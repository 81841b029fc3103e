import { expect } from 'chai';
import type { RequestBudget } from '../../adapters/net/request-budget.js';

export interface RequestBudgetSubject {
  /** Two budgets sharing state as two processes would (the same one, for a single process). */
  readonly first: RequestBudget;
  readonly second: RequestBudget;
  /** Every wait a budget asked for, in milliseconds. */
  readonly waits: () => ReadonlyArray<number>;
}

let n = 0;
const aKey = () => `site-${Date.now()}-${(n += 1)}`;

/** What a request budget promises, whichever store holds it. */
export const describeRequestBudgetContract = (name: string, setup: () => Promise<RequestBudgetSubject>) =>
  describe(`RequestBudget contract (${name})`, () => {
    let subject: RequestBudgetSubject;
    beforeEach(async () => (subject = await setup()));

    it('lets a burst of up to its capacity go at once, then makes the next request wait for a refill', async () => {
      const key = aKey();
      // A slow refill (a token a second), so the takes themselves, slow as a loaded machine makes
      // them, cannot refill the bucket before the fourth.
      const policy = { capacity: 3, refillPerSecond: 1 };
      for (let i = 0; i < 3; i += 1) await subject.first.take(key, policy);
      expect(subject.waits()).to.deep.equal([]);
      await subject.first.take(key, policy);
      expect(subject.waits().length).to.be.greaterThan(0);
      expect(subject.waits().every((ms) => ms > 0 && ms <= 1000)).to.equal(true);
    });

    it('shares one bucket between everyone holding the key, and keeps keys apart', async () => {
      const key = aKey();
      const policy = { capacity: 2, refillPerSecond: 1 };
      await subject.first.take(key, policy);
      await subject.second.take(key, policy);
      await subject.first.take(aKey(), policy);
      expect(subject.waits()).to.deep.equal([]);
      await subject.second.take(key, policy);
      expect(subject.waits().length).to.be.greaterThan(0);
    });

    it('makes everyone wait out a pause one of them was told, whatever tokens are left', async () => {
      const key = aKey();
      const policy = { capacity: 100, refillPerSecond: 100 };
      await subject.first.take(key, policy);
      // Margins of most of a second: the steps before the take may be slow on a loaded machine.
      await subject.first.pauseUntil(key, new Date(Date.now() + 1000));
      await subject.second.take(key, policy);
      expect(subject.waits().some((ms) => ms >= 400)).to.equal(true);
    });

    it('never shortens a pause with an earlier one', async () => {
      const key = aKey();
      await subject.first.pauseUntil(key, new Date(Date.now() + 1200));
      await subject.second.pauseUntil(key, new Date(Date.now() + 10));
      await subject.second.take(key, { capacity: 5, refillPerSecond: 5 });
      expect(subject.waits().some((ms) => ms >= 600)).to.equal(true);
    });
  });
