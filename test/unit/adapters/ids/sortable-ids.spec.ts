import { expect } from 'chai';
import { validate, version } from 'uuid';
import { sortableIds } from '../../../../adapters/ids/sortable-ids.js';

describe('sortable ids', () => {
  it('are valid UUIDv7s, all different, and sort in the order they were made, within a millisecond too', () => {
    const ids = sortableIds();
    // More ids than one pool of random bytes holds, most of them made within the same millisecond.
    const made = Array.from({ length: 5_000 }, () => ids.next());

    expect(made.every((id) => validate(id) && version(id) === 7)).to.equal(true);
    expect(new Set(made).size).to.equal(made.length);
    expect([...made].sort()).to.deep.equal(made);
  });

  it('carry random bits: two generators made at the same time give different ids', () => {
    expect(sortableIds().next()).to.not.equal(sortableIds().next());
  });
});
