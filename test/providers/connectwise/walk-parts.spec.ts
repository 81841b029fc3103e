import { expect } from 'chai';
import { advance, pageOfParts, rebalance, WHOLE } from '../../../adapters/providers/connectwise/walk-parts.js';
import { cutAtStretches, encodeWalkContext, stretchesOf } from '../../../adapters/providers/connectwise/walk-context.js';

describe('ConnectWise walk parts (how the id space is cut)', () => {
  const limits = { pageSize: 1000, parts: 4 };

  it('cuts the ids above a first page into halves of the widest part until there are four, the last left open', () => {
    const parts = rebalance(advance([WHOLE], [{ ids: [1, 1000], more: true }]), 21_000, limits);
    expect(parts).to.deep.equal([
      { after: 1000, to: 6000 },
      { after: 6000, to: 11_000 },
      { after: 11_000, to: 16_000 },
      { after: 16_000, to: null },
    ]);
  });

  it('never cuts a part narrower than a page, and ends a part that has no more', () => {
    expect(rebalance([{ after: 0, to: null }], 1500, limits)).to.deep.equal([{ after: 0, to: 750 }, { after: 750, to: null }]);
    expect(rebalance([{ after: 0, to: 900 }], 5000, limits)).to.deep.equal([{ after: 0, to: 900 }]);
    const parts = [
      { after: 0, to: 10 },
      { after: 10, to: null },
    ];
    expect(advance(parts, [{ ids: [3, 4], more: false }, { ids: [], more: true }])).to.deep.equal([]);
    expect(advance(parts, [{ ids: [3, 4], more: true }, { ids: [12], more: false }])).to.deep.equal([{ after: 4, to: 10 }]);
  });

  it('puts full pages first and names each answer’s stretch; a stretch of ids is cut where the parts meet', () => {
    const page = pageOfParts([{ ids: [1, 2], more: false }, { ids: [], more: false }, { ids: [10, 11, 12], more: true }], 3);
    expect(page).to.deep.equal({ ids: [10, 11, 12, 1, 2], stretches: [[10, 12], [1, 2]] });
    const stretches = stretchesOf(encodeWalkContext(page.stretches));
    expect(cutAtStretches([1, 2, 10, 11], stretches)).to.deep.equal([[1, 2], [10, 11]]);
    expect(cutAtStretches([1, 2, 5], stretches)).to.deep.equal([[1, 2, 5]]);
    expect(cutAtStretches([1, 2, 10], stretchesOf(null))).to.deep.equal([[1, 2, 10]]);
    expect(stretchesOf('not json')).to.deep.equal([]);
  });
});
