import { expect } from 'chai';
import { DEFAULT_ACCOUNTS, startJiraSimulator, type IssueChange, type IssueRecord, type JiraSimulator, type SimulatorAccount } from '../../apps/simulator/jira/index.js';
import { basicAuth, call, search, searchAllPages } from './simulator-http.js';

const BERLIN: SimulatorAccount = { ...(DEFAULT_ACCOUNTS[0] as SimulatorAccount), email: 'berlin@taskport.test', accountId: 'berlin-1', timeZone: 'Europe/Berlin' };
const ORDER = 'ORDER BY updated ASC, key ASC';
const byUpdatedThenKey = (a: IssueRecord, b: IssueRecord) =>
  a.updated - b.updated || (a.projectKey < b.projectKey ? -1 : a.projectKey > b.projectKey ? 1 : a.number - b.number);
const keysOfPages = (pages: ReadonlyArray<{ body: { issues: Array<{ key: string }> } }>) => pages.flatMap((p) => p.body.issues.map((i) => i.key));

describe('Jira simulator search (/rest/api/3/search/jql)', () => {
  let sim: JiraSimulator;
  before(async () => {
    sim = await startJiraSimulator({ issues: 1200, seed: 3, accounts: [...DEFAULT_ACCOUNTS, BERLIN] });
  });
  after(() => sim.close());

  it('applies Jira’s page sizes: 50 by default, at most 100 with fields, up to 5000 for ids only', async () => {
    const jql = 'project in (OPS, WEB, API)';
    expect((await search(sim, { jql, fields: ['summary'] })).body.issues).to.have.length(50);
    expect((await search(sim, { jql, fields: ['summary'], maxResults: 500 })).body.issues).to.have.length(100);
    const ids = await search(sim, { jql, maxResults: 1000 });
    expect(ids.body.issues).to.have.length(1000);
    expect(ids.body.issues[0]).to.have.all.keys('id');
    expect((await search(sim, { jql, maxResults: 0 })).status).to.equal(400);
  });

  it('pages through every matching issue once, in (updated, key) order', async () => {
    const pages = await searchAllPages(sim, { jql: `project in (OPS, WEB) ${ORDER}`, fields: ['updated'], maxResults: 100 });
    const expected = sim.store.sorted().filter((i) => ['OPS', 'WEB'].includes(i.projectKey)).sort(byUpdatedThenKey).map((i) => i.key);
    expect(keysOfPages(pages)).to.deep.equal(expected);
    expect(pages.slice(0, -1).every((p) => p.body.isLast === false)).to.equal(true);
    expect(pages[pages.length - 1]?.body.isLast).to.equal(true);
  });

  it('answers GET with query parameters like POST with a body', async () => {
    const jql = `project = API ${ORDER}`;
    const viaGet = await call(sim, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&fields=summary,status&maxResults=20`);
    const viaPost = await search(sim, { jql, fields: ['summary', 'status'], maxResults: 20 });
    expect(viaGet.body).to.deep.equal(viaPost.body);
  });

  it('reads an updated >= date in the caller’s time zone', async () => {
    const literal = '2025-12-28 10:00';
    const since = async (email: string) =>
      keysOfPages(await searchAllPages(sim, { jql: `updated >= "${literal}" ${ORDER}`, fields: ['updated'], maxResults: 100 }, basicAuth(email, 'simulator-token')));
    const expectedFrom = (instant: string) =>
      sim.store.sorted().filter((i) => i.updated >= Date.parse(instant)).sort(byUpdatedThenKey).map((i) => i.key);
    const losAngeles = await since('admin@taskport.test');
    const berlin = await since(BERLIN.email);
    expect(losAngeles).to.deep.equal(expectedFrom('2025-12-28T18:00:00Z'));
    expect(berlin).to.deep.equal(expectedFrom('2025-12-28T09:00:00Z'));
    expect(berlin.length).to.be.greaterThan(losAngeles.length);
  });

  it('combines AND, OR, NOT, parentheses, IN and IS EMPTY', async () => {
    const page = await search(sim, {
      jql: `(statusCategory = done OR priority is EMPTY) AND project = OPS AND NOT status = "In Review" ${ORDER}`,
      fields: ['status'],
      maxResults: 100,
    });
    const expected = sim.store
      .sorted()
      .filter((i) => (i.statusId === '10002' || i.priorityId === null) && i.projectKey === 'OPS' && i.statusId !== '10001')
      .sort(byUpdatedThenKey)
      .slice(0, 100)
      .map((i) => i.key);
    expect(keysOfPages([page])).to.deep.equal(expected);
  });

  it('refuses unbounded, malformed and unsupported queries with 400 and an ErrorCollection', async () => {
    for (const [jql, words] of [
      ['ORDER BY key DESC', 'Unbounded JQL'],
      ['', 'Unbounded JQL'],
      ['project in (OPS', 'Error in the JQL Query'],
      ['sprint = 5', "field 'sprint'"],
      ['assignee = currentUser()', 'Error in the JQL Query'],
      ['updated >= "last tuesday"', "Date value 'last tuesday'"],
      ['project = OPS ORDER BY rank', "cannot order by 'rank'"],
    ] as const) {
      const answer = await search(sim, { jql });
      expect(answer.status, jql).to.equal(400);
      expect(answer.body.errors, jql).to.deep.equal({});
      expect(answer.body.errorMessages[0], jql).to.include(words);
    }
  });

  it('refuses a page token it did not issue, or one from another query', async () => {
    const first = await search(sim, { jql: 'project = OPS', maxResults: 10 });
    expect((await search(sim, { jql: 'project = OPS', nextPageToken: 'bogus' })).status).to.equal(400);
    expect((await search(sim, { jql: 'project = WEB', nextPageToken: first.body.nextPageToken })).status).to.equal(400);
    expect((await search(sim, { jql: 'project = OPS', nextPageToken: first.body.nextPageToken })).status).to.equal(200);
  });

  it('returns only the fields asked for, with *all and -field', async () => {
    const [issue] = (await search(sim, { jql: 'project = OPS', fields: ['summary', 'status', 'nonexistent'], maxResults: 1 })).body.issues;
    expect(issue.fields).to.have.all.keys('summary', 'status');
    const [everything] = (await search(sim, { jql: 'project = OPS', fields: ['*all', '-description'], maxResults: 1 })).body.issues;
    expect(everything.fields).to.include.keys('summary', 'assignee', 'worklog').and.not.have.key('description');
  });

  it('moves an edited issue to the end of the update order and reports the change', async () => {
    const changes: IssueChange[] = [];
    const stop = sim.store.onChange((change) => changes.push(change));
    const target = sim.store.sorted()[0] as IssueRecord;
    const edited = await call(sim, 'PUT', `/rest/api/3/issue/${target.key}`, { body: { fields: { summary: 'Edited by a test' }, update: { labels: [{ add: 'edited' }] } } });
    stop();
    expect(edited.status).to.equal(204);
    expect(sim.store.sorted().at(-1)?.key).to.equal(target.key);
    expect(changes.map((c) => [c.type, c.issue.key, c.items.map((i) => [i.field, i.toString])])).to.deep.equal([
      ['issue_updated', target.key, [['summary', 'Edited by a test'], ['labels', [...target.labels].join(' ')]]],
    ]);
    const unknown = await call(sim, 'PUT', `/rest/api/3/issue/${target.key}`, { body: { fields: { status: { id: '3' } } } });
    expect(unknown.status).to.equal(400);
    expect((await call(sim, 'PUT', '/rest/api/3/issue/NOPE-1', { body: { fields: {} } })).status).to.equal(404);
  });
});

describe('Jira simulator seeding', () => {
  const fingerprint = (sim: JiraSimulator) => sim.store.sorted().map((i) => [i.key, i.summary, i.updated, i.statusId, i.assigneeId]);

  it('builds the same site from the same seed, and another from another seed', async () => {
    const [a, b, c] = await Promise.all([startJiraSimulator({ issues: 300, seed: 11 }), startJiraSimulator({ issues: 300, seed: 11 }), startJiraSimulator({ issues: 300, seed: 12 })]);
    try {
      expect(fingerprint(a)).to.deep.equal(fingerprint(b));
      expect(fingerprint(a)).to.not.deep.equal(fingerprint(c));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('seeds users with hidden e-mails, unassigned issues, no priority, due dates and all status categories', async () => {
    const sim = await startJiraSimulator({ issues: 500 });
    try {
      const issues = sim.store.sorted();
      expect(sim.store.users.some((u) => !u.emailVisible)).to.equal(true);
      expect(issues.some((i) => i.assigneeId === null)).to.equal(true);
      expect(issues.some((i) => i.priorityId === null)).to.equal(true);
      expect(issues.some((i) => i.dueDate !== null)).to.equal(true);
      expect(new Set(issues.map((i) => i.statusId))).to.have.property('size', 4);
    } finally {
      await sim.close();
    }
  });

  it('serves a site of 100,000 issues, from the first page to an incremental tail', async () => {
    const sim = await startJiraSimulator({ issues: 100_000 });
    try {
      expect(sim.store.size()).to.equal(100_000);
      const first = await search(sim, { jql: `project in (OPS, WEB, API) ${ORDER}`, fields: ['summary', 'updated'], maxResults: 100 });
      expect(first.body.issues).to.have.length(100);
      const tail = await searchAllPages(sim, { jql: `updated >= "2025-12-31 12:00" ${ORDER}`, fields: ['updated'], maxResults: 100 });
      const expected = sim.store.sorted().filter((i) => i.updated >= Date.parse('2025-12-31T20:00:00Z')).length;
      expect(keysOfPages(tail)).to.have.length(expected);
    } finally {
      await sim.close();
    }
  });
});
