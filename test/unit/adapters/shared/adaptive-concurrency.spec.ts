import { expect } from 'chai';
import type { AttemptSignal } from '../../../../adapters/net/index.js';
import { adaptiveConcurrency, type AdaptiveConcurrencyOptions } from '../../../../adapters/providers/shared/adaptive-concurrency.js';

const OPTIONS: AdaptiveConcurrencyOptions = { initial: 2, min: 1, max: 6, spikeFactor: 3, spikeMinExtraMs: 50, probeRounds: 4 };
const clean = (latencyMs = 100): AttemptSignal => ({ refused: false, failed: false, latencyMs });
const refused: AttemptSignal = { refused: true, failed: false, latencyMs: 100 };

type Release = (signal: AttemptSignal) => void;

/** Acquires `n` slots, answering the releases of those granted at once and how many still wait. */
const acquireMany = async (gate: ReturnType<typeof adaptiveConcurrency>, n: number) => {
  const granted: Release[] = [];
  const pending = Array.from({ length: n }, () => gate.acquire('site').then((release) => void granted.push(release)));
  await new Promise((resolve) => setImmediate(resolve));
  return { granted, pending };
};

/** One round: as many requests as the limit allows, all answered with `signal`. */
const round = async (gate: ReturnType<typeof adaptiveConcurrency>, signal: AttemptSignal) => {
  const { granted } = await acquireMany(gate, gate.site('site').limit);
  granted.forEach((release) => release(signal));
};

describe('adaptive concurrency per site (AIMD)', () => {
  it('starts small and queues the requests beyond the limit, in arrival order', async () => {
    const gate = adaptiveConcurrency(OPTIONS);
    const order: number[] = [];
    const first = await gate.acquire('site');
    const second = await gate.acquire('site');
    const third = gate.acquire('site').then((release) => (order.push(3), release));
    const fourth = gate.acquire('site').then((release) => (order.push(4), release));
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.site('site')).to.include({ limit: 2, inFlight: 2, queued: 2 });
    first(clean());
    second(clean());
    (await third)(clean());
    (await fourth)(clean());
    expect(order).to.deep.equal([3, 4]);
  });

  it('doubles each round of fast clean answers until its first congestion (slow start), up to its maximum', async () => {
    const gate = adaptiveConcurrency(OPTIONS);
    const limits: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await round(gate, clean());
      limits.push(gate.site('site').limit);
    }
    expect(limits).to.deep.equal([4, 6, 6, 6]);
  });

  it('grows by one slot per round once a congestion was seen', async () => {
    const gate = adaptiveConcurrency({ ...OPTIONS, max: 40 });
    await round(gate, clean());
    await round(gate, clean());
    expect(gate.site('site').limit).to.equal(8);
    await round(gate, refused);
    const limits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await round(gate, clean());
      limits.push(gate.site('site').limit);
    }
    // Halved to 4, the last good limit after slow start (the round before doubled it), then a slot a round, never doubling.
    expect(limits).to.deep.equal([5, 6, 7, 8, 9, 10]);
  });

  it('halves on a 429, once for the requests that were in flight together', async () => {
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 6 });
    const { granted } = await acquireMany(gate, 6);
    granted.forEach((release) => release(refused));
    // Six refusals of one round halve once: 3, not 1.
    expect(gate.site('site').limit).to.equal(3);
    await round(gate, refused);
    expect(gate.site('site').limit).to.equal(1);
    await round(gate, refused);
    expect(gate.site('site').limit).to.equal(1);
  });

  it('regains the last good limit quickly after a 429, and tries beyond it only after several clean rounds', async () => {
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 5, max: 10 });
    await round(gate, clean());
    // Slow start doubled 5 to 10 and was refused: half of it, the limit of the clean round before, is the last good.
    await round(gate, refused);
    expect(gate.site('site').limit).to.equal(5);
    // Past slow start, a 429 at 5 halves to 2...
    await round(gate, refused);
    expect(gate.site('site').limit).to.equal(2);
    // ...and a slot per clean answer regains 4, the limit below the one refused.
    await round(gate, clean());
    expect(gate.site('site').limit).to.equal(4);
    const limits: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      await round(gate, clean());
      limits.push(gate.site('site').limit);
    }
    // At 4, a fifth slot only after four full rounds (probeRounds), and so on.
    expect(limits).to.deep.equal([4, 4, 4, 5, 5, 5, 5, 6]);
  });

  it('halves on a latency spike and on a failure, but not on ordinary jitter', async () => {
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 4 });
    await round(gate, clean(100));
    await round(gate, clean(140));
    const grown = gate.site('site').limit;
    await round(gate, clean(900));
    expect(gate.site('site').limit).to.equal(Math.floor(grown / 2));
    await round(gate, { refused: false, failed: true, latencyMs: 30_000 });
    expect(gate.site('site').limit).to.equal(Math.max(1, Math.floor(grown / 4)));
  });

  it('takes a site that became slower for good as its new usual, and grows again', async () => {
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 4 });
    await round(gate, clean(100));
    for (let i = 0; i < 30; i += 1) await round(gate, clean(1_000));
    expect(gate.site('site').usualLatencyMs).to.be.greaterThan(900);
    expect(gate.site('site').limit).to.be.greaterThan(1);
  });

  it('takes the refusals within the Retry-After of a decrease for the same congestion, and halves again after it', async () => {
    let now = 0;
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 6 }, () => now);
    const burst: AttemptSignal = { ...refused, retryAfterMs: 1_000 };
    await round(gate, burst);
    expect(gate.site('site').limit).to.equal(3);
    // Sent after the decrease, refused within its second: no new decrease.
    now = 999;
    await round(gate, burst);
    expect(gate.site('site').limit).to.equal(3);
    now = 1_000;
    await round(gate, burst);
    expect(gate.site('site').limit).to.equal(1);
  });

  /** Rounds of 100 ms against a site that allows `allowed` at once and refuses one admitted request in five (Retry-After 1 s). */
  const storm = async (allowed: number, rounds: number) => {
    let now = 0;
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 2, max: 16, probeRounds: 8 }, () => now);
    const limits: number[] = [];
    let admitted = 0;
    for (let i = 0; i < rounds; i += 1) {
      const { granted } = await acquireMany(gate, gate.site('site').limit);
      granted.forEach((release, index) => release(index >= allowed || (admitted += 1) % 5 === 0 ? { ...refused, retryAfterMs: 1_000 } : clean()));
      limits.push(gate.site('site').limit);
      now += 100;
    }
    return limits.slice(rounds / 2);
  };
  const mean = (values: ReadonlyArray<number>) => values.reduce((sum, value) => sum + value, 0) / values.length;

  it('stays near what the site allows in a storm of refusals (one in five, Retry-After 1 s), instead of falling to one or two', async () => {
    const limits = await storm(8, 100);
    expect(mean(limits)).to.be.within(6, 8.5);
    expect(Math.min(...limits)).to.be.at.least(4);
  });

  it('settles at the limit of a site that refuses only what is beyond it, once slow start overshot it', async () => {
    // Slow start doubles 8 to 16: the 8 requests beyond the limit are refused together. Only the
    // positions answered clean (8) are known good; the refused one's position says nothing more.
    let now = 0;
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 2, max: 16, probeRounds: 8 }, () => now);
    let refusals = 0;
    const limits: number[] = [];
    for (let i = 0; i < 80; i += 1) {
      const { granted } = await acquireMany(gate, gate.site('site').limit);
      // Answered in reverse order, as the refusals (sent last, answered at once) come back first.
      granted.reverse().forEach((release, index) => {
        const beyond = granted.length - index > 8;
        refusals += beyond ? 1 : 0;
        release(beyond ? { ...refused, retryAfterMs: 1_000 } : clean());
      });
      limits.push(gate.site('site').limit);
      now += 100;
    }
    // The overshoot's 8, then one refused probe now and then (every 8 rounds at the limit, at most).
    expect(refusals).to.be.at.most(8 + 80 / 8);
    expect(mean(limits.slice(10))).to.be.within(7, 8.5);
  });

  /** One round at the gate's limit: the first `clean` answered, the rest refused (Retry-After 1 s), in the order sent. */
  const roundCleanThenRefused = async (gate: ReturnType<typeof adaptiveConcurrency>, cleanCount: number) => {
    const { granted } = await acquireMany(gate, gate.site('site').limit);
    granted.forEach((release, index) => release(index < cleanCount ? clean() : { ...refused, retryAfterMs: 1_000 }));
  };

  it('takes half of what slow start was refused at as the last good limit, though requests beyond the site limit were answered clean', async () => {
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 8, max: 16 }, () => 0);
    await round(gate, clean());
    // Slow start sent 16; the site allows 8, but answers this process reads late let it count 12 of them clean.
    await roundCleanThenRefused(gate, 12);
    await round(gate, clean());
    await round(gate, clean());
    expect(gate.site('site').limit).to.equal(8);
  });

  it('goes back to the last good limit when a request sent beyond it within the Retry-After is refused, unless refusals come at every position', async () => {
    const limitAfter = async (belowRefused: boolean) => {
      let now = 0;
      const gate = adaptiveConcurrency({ ...OPTIONS, initial: 8, max: 16, probeRounds: 1 }, () => now);
      await round(gate, clean());
      await roundCleanThenRefused(gate, 8);
      now = 100;
      await round(gate, clean());
      expect(gate.site('site').limit).to.equal(9);
      // Still within the Retry-After of the decrease: the ninth is refused, and in a storm three under it too.
      now = 200;
      const { granted } = await acquireMany(gate, 9);
      granted.forEach((release, index) => release(index === 8 || (belowRefused && index % 3 === 0) ? { ...refused, retryAfterMs: 1_000 } : clean()));
      return gate.site('site').limit;
    };
    expect(await limitAfter(false)).to.equal(8);
    expect(await limitAfter(true)).to.be.at.least(9);
  });

  it('grows in a storm that refuses alike however many are in flight', async () => {
    expect(mean(await storm(100, 100))).to.be.greaterThan(10);
  });

  it('grows only while the limit holds requests back, not while the caller leaves slots unused', async () => {
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 4, max: 16 });
    for (let i = 0; i < 20; i += 1) {
      const { granted } = await acquireMany(gate, 2);
      granted.forEach((release) => release(clean()));
    }
    // Two at a time say nothing of whether the site takes more than four.
    expect(gate.site('site').limit).to.equal(4);
    await round(gate, clean());
    expect(gate.site('site').limit).to.equal(8);
  });

  it('keeps each site apart: one site refusing never narrows another', async () => {
    const gate = adaptiveConcurrency({ ...OPTIONS, initial: 4 });
    const busy = await gate.acquire('busy');
    busy(refused);
    expect(gate.site('busy').limit).to.equal(2);
    expect(gate.site('quiet').limit).to.equal(4);
  });

  it('wakes the queued requests when the limit grows, never holding more than the limit', async () => {
    const gate = adaptiveConcurrency(OPTIONS);
    const { granted, pending } = await acquireMany(gate, 5);
    expect(granted).to.have.length(2);
    granted.splice(0).forEach((release) => release(clean()));
    await new Promise((resolve) => setImmediate(resolve));
    // Two clean answers: the limit is 4 (slow start), so the three waiting requests all go.
    expect(granted).to.have.length(3);
    expect(gate.site('site')).to.include({ limit: 4, inFlight: 3, queued: 0 });
    granted.forEach((release) => release(clean()));
    await Promise.all(pending);
  });
});
