import { expect } from 'chai';
import { walkedPages } from '../../../adapters/providers/servicenow/walked-pages.js';

const id = (n: number) => n.toString(16).padStart(32, '0');
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => id(from + i * 2));

describe('ServiceNow walked pages (which table a stretch of a walk was read in)', () => {
  it('knows a stretch whose first and last ids one table walked, with its groups, across pages of that table', () => {
    const walked = walkedPages();
    walked.remember('c1', { table: 'incident', groups: ['assignment_group.name=Desk'], ids: ids(0, 10) });
    walked.remember('c1', { table: 'incident', groups: ['assignment_group.name=Desk'], ids: ids(20, 10) });
    walked.remember('c1', { table: 'sc_task', groups: ['assignment_group.name=Desk'], ids: ids(1, 10) });

    expect(walked.stretchOf('c1', id(2), id(26))).to.deep.equal({ table: 'incident', groups: ['assignment_group.name=Desk'] });
    expect(walked.stretchOf('c1', id(1), id(19))).to.deep.equal({ table: 'sc_task', groups: ['assignment_group.name=Desk'] });
    // Ids of two tables, an id never walked, another connection's walk: not known.
    expect(walked.stretchOf('c1', id(2), id(3))).to.equal(undefined);
    expect(walked.stretchOf('c1', id(2), id(5000))).to.equal(undefined);
    expect(walked.stretchOf('c2', id(2), id(26))).to.equal(undefined);
  });

  it('forgets the oldest pages past its bound, never the newest of a connection', () => {
    const walked = walkedPages(15);
    walked.remember('c1', { table: 'incident', groups: [], ids: ids(0, 10) });
    walked.remember('c2', { table: 'incident', groups: [], ids: ids(100, 10) });
    walked.remember('c1', { table: 'incident', groups: [], ids: ids(200, 10) });

    expect(walked.stretchOf('c1', id(0), id(2))).to.equal(undefined);
    expect(walked.stretchOf('c2', id(100), id(118))).to.deep.equal({ table: 'incident', groups: [] });
    expect(walked.stretchOf('c1', id(200), id(218))).to.deep.equal({ table: 'incident', groups: [] });
  });

  it('finds ids in a page the instance ordered differently from this process', () => {
    const walked = walkedPages();
    walked.remember('c1', { table: 'incident', groups: [], ids: ['b', 'A', 'c'] });
    expect(walked.stretchOf('c1', 'A', 'c')).to.deep.equal({ table: 'incident', groups: [] });
  });
});
