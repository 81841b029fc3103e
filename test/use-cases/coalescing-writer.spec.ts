import { expect } from 'chai';
import { coalescingWriter, type WriterLimits } from '../../core/use-cases/sync/coalescing-writer.js';

const turns = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * Writes that end only when the test lets them (any of them, in any order), so batches can be
 * submitted while they run; settles recorded in the order they happen.
 */
const heldWrites = () => {
  const writes: Array<{ readonly items: ReadonlyArray<number>; readonly batches: number }> = [];
  const releases: Array<() => void> = [];
  const settled: Array<ReadonlyArray<number>> = [];
  const write = (items: ReadonlyArray<number>, batches: number) => {
    writes.push({ items, batches });
    return new Promise<ReadonlyArray<number>>((resolve) => releases.push(() => resolve(items)));
  };
  const settle = async (items: ReadonlyArray<number>) => void settled.push(items);
  /** Ends the write started `index`-th (0-based). */
  const release = async (index: number) => {
    releases[index]!();
    await turns();
  };
  return { steps: { write, settle }, writes, settled, release };
};

const limits = (writesInFlight: number, maxItems = 10): WriterLimits<number> => ({ maxItems, writesInFlight, keyOf: (item) => String(item) });

describe('the coalescing writer of a sync by ids', () => {
  it('writes a lone batch at once, and the batches that arrive during a write together in the next, in order', async () => {
    const held = heldWrites();
    const writer = coalescingWriter(held.steps, limits(1));
    const done: number[] = [];

    const first = writer.submit([1, 2]).then(() => done.push(1));
    const second = writer.submit([3]).then(() => done.push(2));
    const third = writer.submit([4, 5]).then(() => done.push(3));
    expect(held.writes).to.deep.equal([{ items: [1, 2], batches: 1 }]);

    await held.release(0);
    expect(done).to.deep.equal([1]);
    expect(held.writes[1]).to.deep.equal({ items: [3, 4, 5], batches: 2 });

    await held.release(1);
    await Promise.all([first, second, third]);
    expect(done).to.deep.equal([1, 2, 3]);
  });

  it('puts no more than the limit in one write, unless one batch alone is larger', async () => {
    const held = heldWrites();
    const writer = coalescingWriter(held.steps, limits(1, 4));

    const all = Promise.all([writer.submit([1]), writer.submit([2, 3]), writer.submit([4, 5]), writer.submit([6, 7, 8, 9, 10]), writer.submit([11])]);
    for (let i = 0; i < 4; i += 1) await held.release(i);
    await all;

    expect(held.writes.map((w) => w.items)).to.deep.equal([[1], [2, 3, 4, 5], [6, 7, 8, 9, 10], [11]]);
  });

  it('sends a second write out beside the first only when a full write waits', async () => {
    const held = heldWrites();
    const writer = coalescingWriter(held.steps, limits(2, 3));

    void writer.submit([1]);
    void writer.submit([2]);
    void writer.submit([3]);
    await turns();
    // Two items wait: less than a write's worth, so they wait for the first write to end.
    expect(held.writes.map((w) => w.items)).to.deep.equal([[1]]);

    void writer.submit([4]);
    await turns();
    expect(held.writes.map((w) => w.items)).to.deep.equal([[1], [2, 3, 4]]);
  });

  it('keeps as many writes out as allowed, and no more', async () => {
    const held = heldWrites();
    const writer = coalescingWriter(held.steps, limits(2, 1));

    void writer.submit([1]);
    void writer.submit([2]);
    void writer.submit([3]);
    await turns();
    expect(held.writes.map((w) => w.items)).to.deep.equal([[1], [2]]);

    // The second write ending frees a slot: the third batch goes out while the first is still out.
    await held.release(1);
    expect(held.writes.map((w) => w.items)).to.deep.equal([[1], [2], [3]]);
  });

  it('settles the writes in the order they began, whatever order they ended in', async () => {
    const held = heldWrites();
    const writer = coalescingWriter(held.steps, limits(2, 1));
    const done: number[] = [];

    const all = Promise.all([writer.submit([1]).then(() => done.push(1)), writer.submit([2]).then(() => done.push(2))]);
    await turns();
    await held.release(1);
    // The second write has ended, but the first may still fail: nothing is settled yet.
    expect(held.settled).to.deep.equal([]);
    expect(done).to.deep.equal([]);

    await held.release(0);
    await all;
    expect(held.settled).to.deep.equal([[1], [2]]);
    expect(done).to.deep.equal([1, 2]);
  });

  it('never has two writes out with an item of the same key, and keeps the batches in order meanwhile', async () => {
    const held = heldWrites();
    const writer = coalescingWriter(held.steps, limits(2, 2));

    const all = Promise.all([writer.submit([1, 2]), writer.submit([2, 3]), writer.submit([4, 5])]);
    await turns();
    // A full write waits, but its head batch shares 2 with the write out, and the next may not jump ahead.
    expect(held.writes.map((w) => w.items)).to.deep.equal([[1, 2]]);

    await held.release(0);
    expect(held.writes.map((w) => w.items)).to.deep.equal([
      [1, 2],
      [2, 3],
      [4, 5],
    ]);
    await held.release(2);
    await held.release(1);
    await all;
    expect(held.settled).to.deep.equal([
      [1, 2],
      [2, 3],
      [4, 5],
    ]);
  });

  it('after a write throws, settles nothing more: its batches and every later one fail with it', async () => {
    const settled: Array<ReadonlyArray<number>> = [];
    let calls = 0;
    const writer = coalescingWriter(
      {
        write: async (items: ReadonlyArray<number>) => {
          calls += 1;
          const call = calls;
          await turns();
          if (call === 1) throw new Error('a bug');
          return items;
        },
        settle: async (items: ReadonlyArray<number>) => void settled.push(items),
      },
      limits(2, 1),
    );

    const outcomes = await Promise.allSettled([writer.submit([1]), writer.submit([2]), writer.submit([3])]);

    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'written'))).to.deep.equal(['a bug', 'a bug', 'a bug']);
    expect(settled).to.deep.equal([]);
    // The second write was already out when the first threw; the third was never started.
    expect(calls).to.equal(2);
  });
});
