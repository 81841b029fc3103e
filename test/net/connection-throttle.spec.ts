import { expect } from 'chai';
import sinon from 'sinon';
import { backoffDelayMs, connectionThrottle, defaultRetryPolicy, parseRetryAfterMs } from '../../adapters/net/index.js';

const settled = async <T>(promise: Promise<T>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('connectionThrottle', () => {
  const clock = () => ({ now: () => 1_000, sleep: sinon.spy(async (_ms: number) => undefined) });

  it('queues a connection beyond its limit while other connections go ahead', async () => {
    const throttle = connectionThrottle({ maxConcurrentPerConnection: 1 }, clock());
    const releaseFirst = await throttle.acquire('tenant-a');
    const second = throttle.acquire('tenant-a');
    expect(await settled(second)).to.equal(false);
    expect(await settled(throttle.acquire('tenant-b'))).to.equal(true);
    releaseFirst();
    expect(await settled(second)).to.equal(true);
  });

  it('holds every request of a paused connection for the pause, and only that connection', async () => {
    const time = clock();
    const throttle = connectionThrottle({ maxConcurrentPerConnection: 2 }, time);
    const release = await throttle.acquire('tenant-a');
    throttle.pause('tenant-a', 5_000);
    release();
    await throttle.acquire('tenant-b');
    expect(time.sleep.called).to.equal(false);
    await throttle.acquire('tenant-a');
    expect(time.sleep.args).to.deep.equal([[5_000]]);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(parseRetryAfterMs('7', now)).to.equal(7_000);
    expect(parseRetryAfterMs(' 1.5 ', now)).to.equal(1_500);
    expect(parseRetryAfterMs('Mon, 02 Mar 2026 10:00:30 GMT', now)).to.equal(30_000);
    expect(parseRetryAfterMs('Mon, 02 Mar 2026 09:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfterMs('soon', now)).to.equal(null);
    expect(parseRetryAfterMs(null, now)).to.equal(null);
  });

  it('backs off exponentially with jitter, up to the cap', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3].map((n) => backoffDelayMs(n, policy, () => 0))).to.deep.equal([50, 100, 200]);
    expect([1, 2, 3].map((n) => backoffDelayMs(n, policy, () => 1))).to.deep.equal([100, 200, 400]);
    expect(backoffDelayMs(10, policy, () => 1)).to.equal(1_000);
  });
});
