import { expect } from 'chai';
import { refusalsByPosition } from '../../../../adapters/providers/shared/refusals-by-position.js';

/** A seeded one-in-five, so the refusals of a storm fall on no position in particular. */
const oneInFive = (seed: number) => {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % 5 === 0;
  };
};

/** `rounds` rounds of `width` requests, position 1 to `width`; `refused(position)` says which were refused. */
const observe = (width: number, rounds: number, refused: (position: number) => boolean) => {
  const positions = refusalsByPosition(16);
  for (let round = 0; round < rounds; round += 1) for (let p = 1; p <= width; p += 1) positions.record(p, refused(p));
  return positions;
};

describe('refusals by position in flight', () => {
  it('knows nothing before each position was seen a few times', () => {
    expect(observe(4, 2, () => true).verdict()).to.deep.equal({ kind: 'unknown' });
  });

  it('finds the limit of a site that refuses what is sent beyond it', () => {
    expect(observe(10, 30, (p) => p > 8).verdict()).to.deep.equal({ kind: 'limit', lastGood: 8 });
  });

  it('finds it in a storm too: one request in five refused at any position, and every one beyond the limit', () => {
    const storm = oneInFive(22);
    expect(observe(10, 30, (p) => storm() || p > 6).verdict()).to.deep.equal({ kind: 'limit', lastGood: 6 });
  });

  it('takes refusals alike at every position for a storm that says nothing of a limit', () => {
    const storm = oneInFive(7);
    const positions = observe(8, 30, () => storm());
    expect(positions.verdict()).to.deep.equal({ kind: 'alike', lastGood: 8 });
    expect(positions.refusedShare()).to.be.closeTo(0.2, 0.08);
  });

  it('finds a limit refused only now and then beyond it, where this process counts more in flight than the site does', () => {
    // A busy caller sends at 7 to 9; answers read late make 9 look beyond the site's 8 one time in five.
    const late = oneInFive(3);
    const positions = refusalsByPosition(16);
    for (let round = 0; round < 30; round += 1) for (const p of [7, 8, 9]) positions.record(p, p === 9 && late());
    expect(positions.verdict()).to.deep.equal({ kind: 'limit', lastGood: 8 });
    expect(positions.refusedShare(8)).to.equal(0);
  });
});
