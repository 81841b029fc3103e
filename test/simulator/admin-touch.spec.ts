import { expect } from 'chai';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { call, searchAllPages } from './simulator-http.js';

describe('Jira simulator bulk touch (POST /__admin/issues/touch)', () => {
  let sim: JiraSimulator;
  let clock: number;
  beforeEach(async () => {
    clock = Date.parse('2026-03-01T12:00:00Z');
    sim = await startJiraSimulator({ issues: 30, now: () => clock });
  });
  afterEach(() => sim.close());

  const everyIssue = async () => {
    const pages = await searchAllPages(sim, { jql: 'project is not EMPTY ORDER BY updated ASC, key ASC', fields: ['summary', 'updated'], maxResults: 7 });
    return pages.flatMap((page) => page.body.issues as Array<{ key: string; fields: { summary: string; updated: string } }>);
  };

  it('edits every summary at one new updated instant, so a search after it answers every issue', async () => {
    const before = await everyIssue();
    const touched = await call(sim, 'POST', '/__admin/issues/touch');
    expect(touched.body).to.deep.equal({ touched: 30 });
    const after = await everyIssue();
    expect(after).to.have.length(30);
    expect(new Set(after.map((i) => i.fields.updated)).size).to.equal(1);
    const summaries = new Map(before.map((i) => [i.key, i.fields.summary]));
    expect(after.map((i) => i.fields.summary)).to.deep.equal(after.map((i) => `${summaries.get(i.key)} (edit 1)`));
    const recent = await searchAllPages(sim, { jql: 'updated >= "2026-03-01 04:00" ORDER BY updated ASC, key ASC', fields: ['summary'] });
    expect(recent.flatMap((page) => page.body.issues)).to.have.length(30);
  });

  it('marks a second touch as a new edit rather than piling markers up', async () => {
    await call(sim, 'POST', '/__admin/issues/touch');
    clock += 60_000;
    await call(sim, 'POST', '/__admin/issues/touch');
    const summaries = (await everyIssue()).map((i) => i.fields.summary);
    expect(summaries.every((s) => s.endsWith(' (edit 2)') && !s.includes('(edit 1)'))).to.equal(true);
  });
});
