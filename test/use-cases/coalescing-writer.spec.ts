import { expect } from 'chai';
import { coalescingWriter } from '../../core/use-cases/sync/coalescing-writer.js';

/** A write that ends only when the test lets it, so batches can be submitted while it runs. */
const heldWrites = () => {
  const writes: Array<{ readonly items: ReadonlyArray<number>; readonly batches: number }> = [];
  const releases: Array<() => void> = [];
  const write = (items: ReadonlyArray<number>, batches: number) => {
    writes.push({ items, batches });
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  const releaseNext = async () => {
    releases.shift()?.();
    for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  return { write, writes, releaseNext };
};

describe('the coalescing writer of a sync by ids', () => {
  it('writes a lone batch at once, and the batches that arrive during a write together in the next, in order', async () => {
    const held = heldWrites();
    const writer = coalescingWriter(held.write, 10);
    const done: number[] = [];

    const first = writer.submit([1, 2]).then(() => done.push(1));
    const second = writer.submit([3]).then(() => done.push(2));
    const third = writer.submit([4, 5]).then(() => done.push(3));
    expect(held.writes).to.deep.equal([{ items: [1, 2], batches: 1 }]);

    await held.releaseNext();
    expect(done).to.deep.equal([1]);
    expect(held.writes[1]).to.deep.equal({ items: [3, 4, 5], batches: 2 });

    await held.releaseNext();
    await Promise.all([first, second, third]);
    expect(done).to.deep.equal([1, 2, 3]);
  });

  it('puts no more than the limit in one write, unless one batch alone is larger', async () => {
    const held = heldWrites();
    const writer = coalescingWriter(held.write, 4);

    const all = Promise.all([writer.submit([1]), writer.submit([2, 3]), writer.submit([4, 5]), writer.submit([6, 7, 8, 9, 10]), writer.submit([11])]);
    for (let i = 0; i < 4; i += 1) await held.releaseNext();
    await all;

    expect(held.writes.map((w) => w.items)).to.deep.equal([[1], [2, 3, 4, 5], [6, 7, 8, 9, 10], [11]]);
  });

  it('fails only the batches of a write that throws, and goes on with the next', async () => {
    let calls = 0;
    const written: number[] = [];
    const writer = coalescingWriter(async (items: ReadonlyArray<number>) => {
      calls += 1;
      if (calls === 1) throw new Error('a bug');
      written.push(...items);
    }, 10);

    const outcomes = await Promise.allSettled([writer.submit([1]), writer.submit([2])]);

    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'fulfilled']);
    expect(written).to.deep.equal([2]);
  });
});
