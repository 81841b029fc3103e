import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { startJiraSimulator, type IssueRecord, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
import { ADMIN, allPages, apiRequests, connectionTo, fastSource, FULL_SYNC, startStubServer } from './jira-source-harness.js';

const SEARCH = '/rest/api/3/search/jql';
const ORDER = 'ORDER BY updated ASC, key ASC';

/** `yyyy-MM-dd HH:mm` on a wall clock in `zone`, computed independently of the adapter (sv-SE prints ISO-like). */
const wallMinute = (instant: number, zone: string) => new Date(instant).toLocaleString('sv-SE', { timeZone: zone, hour12: false }).slice(0, 16);

describe('JiraIssueSource.searchIssues over HTTP', () => {
  let sim: JiraSimulator;
  before(async () => {
    sim = await startJiraSimulator({ issues: 230, seed: 5 });
  });
  after(() => sim.close());
  beforeEach(() => sim.requests.clear());

  it('walks every page with nextPageToken, once each, oldest update first', async () => {
    const { source } = fastSource({ pageSize: 50 });
    const pages = await allPages(source, connectionTo(sim.url), FULL_SYNC);
    const ids = pages.flatMap((p) => p.issues.map((i) => i.externalId));
    expect(pages.map((p) => p.issues.length)).to.deep.equal([50, 50, 50, 50, 30]);
    expect(new Set(ids).size).to.equal(230);
    const times = pages.flatMap((p) => p.issues.map((i) => i.updatedAt.getTime()));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    const searches = apiRequests(sim, SEARCH);
    expect(searches.map((r) => r.jql)).to.deep.equal(new Array(5).fill(`updated >= "1970-01-01 00:00" ${ORDER}`));
    expect(apiRequests(sim, '/rest/api/3/myself')).to.have.length(0);
    source.close();
  });

  it('maps each issue from the site, with a browse link and the e-mail only where it is visible', async () => {
    const { source } = fastSource();
    const issues = (await allPages(source, connectionTo(`${sim.url}/`), FULL_SYNC)).flatMap((p) => p.issues);
    for (const issue of issues) {
      const record = sim.store.find(issue.externalId) as IssueRecord;
      const assignee = sim.store.user(record.assigneeId);
      expect(issue).to.include({ key: record.key, url: `${sim.url}/browse/${record.key}`, title: record.summary, projectKey: record.projectKey, dueDate: record.dueDate });
      expect(issue.updatedAt.getTime()).to.equal(record.updated);
      expect(issue.createdAt?.getTime()).to.equal(record.created);
      expect(issue.assigneeExternalId).to.equal(assignee?.accountId ?? null);
      expect(issue.assigneeEmail).to.equal(assignee?.emailVisible === true ? assignee.emailAddress : null);
    }
    expect(issues.some((i) => i.assigneeExternalId !== null && i.assigneeEmail === null)).to.equal(true);
    expect(new Set(issues.map((i) => i.statusCategory))).to.deep.equal(new Set(['new', 'indeterminate', 'done']));
    source.close();
  });

  it('narrows by the connection filter and its mapped projects', async () => {
    const { source } = fastSource();
    const query = { updatedSince: null, projectKeys: ['OPS', 'API'] };
    const connection = connectionTo(sim.url, ADMIN, { jqlFilter: 'statusCategory != done ORDER BY created' });
    const issues = (await allPages(source, connection, query)).flatMap((p) => p.issues);
    const expected = sim.store.sorted().filter((i) => ['OPS', 'API'].includes(i.projectKey) && i.statusId !== '10002');
    expect(issues.map((i) => i.key).sort()).to.deep.equal(expected.map((i) => i.key).sort());
    expect(apiRequests(sim, SEARCH)[0]?.jql).to.equal(`(statusCategory != done) AND project in ("OPS", "API") ${ORDER}`);
    source.close();
  });

  it('asks incrementally from the watermark minus the overlap, on the account’s wall clock, reading /myself once', async () => {
    const { source } = fastSource({ pageSize: 10 });
    const sorted = sim.store.sorted();
    const watermark = (sorted[sorted.length - 35] as IssueRecord).updated;
    const query = { updatedSince: new Date(watermark), projectKeys: [] };
    const issues = (await allPages(source, connectionTo(sim.url), query)).flatMap((p) => p.issues);
    const bound = wallMinute(watermark - 2 * 60_000, 'America/Los_Angeles');
    const searches = apiRequests(sim, SEARCH);
    expect(searches.length).to.be.greaterThan(3);
    expect(new Set(searches.map((r) => r.jql))).to.deep.equal(new Set([`updated >= "${bound}" ${ORDER}`]));
    expect(apiRequests(sim, '/rest/api/3/myself')).to.have.length(1);
    const newer = sorted.filter((i) => i.updated >= watermark).map((i) => i.key);
    expect(issues.map((i) => i.key)).to.include.members(newer);
    expect(issues.every((i) => i.updatedAt.getTime() >= watermark - 3 * 60_000)).to.equal(true);
    expect(issues.length).to.be.lessThan(sorted.length);
    source.close();
  });

  it('passes Jira’s refusal of a filter on as a configuration error naming the filter, with Jira’s words', async () => {
    const { source } = fastSource();
    const result = await source.searchIssues(connectionTo(sim.url, ADMIN, { jqlFilter: 'sprint = 12' }), FULL_SYNC, null)();
    if (E.isRight(result) || result.left._tag !== 'SourceConfigurationInvalid') return expect.fail(`expected a configuration error, got ${JSON.stringify(result)}`);
    expect(result.left.message).to.include("Jira refused the connection's JQL filter").and.include("Jira said: The simulator does not support the field 'sprint'");
    expect(result.left.details.map((d) => d.path)).to.deep.equal(['jqlFilter']);
    source.close();
  });

  it('refuses a cursor it did not issue', async () => {
    const { source } = fastSource();
    const result = await source.searchIssues(connectionTo(sim.url), FULL_SYNC, 'not-a-cursor')();
    expect(E.isLeft(result) && result.left).to.deep.include({ _tag: 'SourceUnavailable' });
    source.close();
  });
});

describe('JiraIssueSource on answers of the wrong shape', () => {
  it('fails with SourceUnavailable naming the path, never a crash', async () => {
    const stub = await startStubServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ isLast: true, issues: [{ id: '1', key: 'X-1', fields: { summary: 'ok', updated: '2024-01-01T00:00:00.000+0000' } }, { id: 2, key: 'X-2', fields: { updated: 'yesterday' } }] }));
    });
    const { source } = fastSource();
    const result = await source.searchIssues(connectionTo(stub.url), FULL_SYNC, null)();
    if (E.isRight(result)) expect.fail('expected a shape error');
    expect(result.left._tag).to.equal('SourceUnavailable');
    expect(result.left.message).to.include('issues.1.id must be a string').and.include('issues.1.fields.summary').and.include('issues.1.fields.updated');
    source.close();
    await stub.close();
  });

  it('stops reading an answer larger than it accepts', async () => {
    const stub = await startStubServer((_req, res) => res.end(JSON.stringify({ isLast: true, issues: [], padding: 'x'.repeat(10_000) })));
    const { source } = fastSource({ maxBodyBytes: 1_000 });
    const result = await source.searchIssues(connectionTo(stub.url), FULL_SYNC, null)();
    expect(result).to.deep.equal(E.left({ _tag: 'SourceUnavailable', message: `${stub.url.slice(7)} sent a response larger than 1000 bytes` }));
    source.close();
    await stub.close();
  });
});
