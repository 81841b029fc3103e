import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import {
  decodeBody,
  decodeIssues,
  errorForStatus,
  JiraIssueCodec,
  JiraIssueFieldsCodec,
  MyselfCodec,
  SearchPageCodec,
  toSourceIssue,
} from '../../../adapters/providers/jira/index.js';
import type { HttpResponse } from '../../../adapters/net/index.js';
import { jiraFixture, jiraFixtureNames } from './recorded-fixtures.js';

const response = (body: unknown, status = 200): HttpResponse => ({ status, header: () => null, body: JSON.stringify(body) });

const right = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) expect.fail(`expected a decoded value, got ${JSON.stringify(either.left)}`);
  return either.right;
};

const left = <L>(either: E.Either<L, unknown>): L => {
  if (E.isRight(either)) expect.fail('expected a failure');
  return either.left;
};

const firstIssueOf = (name: string): Record<string, unknown> => {
  const page = right(decodeBody(SearchPageCodec, 'a search')(response(jiraFixture(name))));
  return page.issues[0] as Record<string, unknown>;
};

/** Gives a synthetic example the two fields it lacks, to see how the rest of it maps. */
const withSummaryAndUpdated = (issue: Record<string, unknown>) => ({
  ...issue,
  fields: { ...(issue.fields as object), summary: 'Synthetic', updated: '2023-06-24T19:24:50.000+0000' },
});

// Each recorded file and where it is exercised; a new file fails this suite until it gets a decision.
const COVERAGE: Readonly<Record<string, string>> = {
  'accessible-resources.json': 'test/oauth/accessible-resources.spec.ts (site selection, and the simulator in the same shape)',
  'approximate-count.openapi-example.json': 'not read: taskport never asks Jira for counts',
  'create-issue-201.openapi-example.json': 'test/simulator/recorded-shapes.spec.ts',
  'create-issue-request.openapi-example.json': 'test/simulator/recorded-shapes.spec.ts',
  'error-400.openapi-example.json': 'this suite',
  'myself.openapi-example.json': 'this suite and test/simulator/recorded-shapes.spec.ts',
  'search-jql-page1.shape.json': 'this suite',
  'search-jql-page3-last.shape.json': 'this suite',
  'search-jql-response.real-issue.json': 'this suite and test/simulator/recorded-shapes.spec.ts',
  'search-jql.openapi-example.json': 'this suite',
  'search-legacy-deprecated.openapi-example.json': 'this suite and test/simulator (410 Gone)',
  'statuscategories.json': 'this suite and test/simulator/recorded-shapes.spec.ts',
  'transition-issue-request.openapi-example.json': 'test/simulator/recorded-shapes.spec.ts',
  'transitions.openapi-example.json': 'test/simulator/recorded-shapes.spec.ts',
  'webhook-issue-updated-status.json': 'this suite',
};

describe('Jira decoders and mapping against the recorded payloads', () => {
  it('has a decision for every recorded Jira payload', () => {
    expect(jiraFixtureNames()).to.deep.equal(Object.keys(COVERAGE).sort());
  });

  it('maps the real REST v3 issue (ADF description, visible e-mail) field by field', () => {
    const page = right(decodeBody(SearchPageCodec, 'a search')(response(jiraFixture('search-jql-response.real-issue.json'))));
    expect(page.isLast).to.equal(true);
    const [issue] = right(decodeIssues(page.issues, 'a search')).map(toSourceIssue('https://airbyteio.atlassian.net'));
    expect(issue).to.deep.equal({
      externalId: '10627',
      key: 'TESTKEY13-1',
      url: 'https://airbyteio.atlassian.net/browse/TESTKEY13-1',
      title: 'My Summary',
      description: 'Test issue',
      rawStatus: 'To Do',
      statusCategory: 'new',
      rawPriority: 'Low',
      projectKey: 'TESTKEY13',
      assigneeEmail: 'integration-test@airbyte.io',
      assigneeExternalId: '5fc9e78d2730d800760becc4',
      dueDate: null,
      createdAt: new Date('2022-06-09T23:29:31.871Z'),
      updatedAt: new Date('2022-12-08T10:22:18.889Z'),
      version: '2022-12-08T10:22:18.889Z',
      sourceData: { issueType: 'Epic', labels: ['test'], statusId: '10000', priorityId: '4', resolution: null },
    });
  });

  it('reads the paging envelope of the jira-cli pages: a token, then "" on the last page', () => {
    const first = right(decodeBody(SearchPageCodec, 'a search')(response(jiraFixture('search-jql-page1.shape.json'))));
    const last = right(decodeBody(SearchPageCodec, 'a search')(response(jiraFixture('search-jql-page3-last.shape.json'))));
    expect([first.isLast, first.nextPageToken, first.issues.length]).to.deep.equal([false, 'token-page-2', 2]);
    expect([last.isLast, last.nextPageToken, last.issues.length]).to.deep.equal([true, '', 1]);
  });

  it('refuses the trimmed jira-cli issues, which have no id to key a task on, naming the path', () => {
    const page = right(decodeBody(SearchPageCodec, 'a search')(response(jiraFixture('search-jql-page1.shape.json'))));
    const error = left(decodeIssues(page.issues, 'the issue search'));
    expect(error._tag).to.equal('SourceUnavailable');
    expect(error.message).to.include('issues.0.id must be string');
  });

  it('tolerates the sparse fields of the jira-cli pages: a status without category, an assignee without accountId', () => {
    const raw = jiraFixture('search-jql-page3-last.shape.json') as { issues: Array<{ key: string; fields: unknown }> };
    const [only] = raw.issues;
    const fields = right(JiraIssueFieldsCodec.decode(only?.fields));
    const issue = toSourceIssue('https://example.atlassian.net')({ id: '1', key: only?.key ?? '', fields });
    expect(issue).to.include({ key: 'TEST-4', title: 'Epic summary', rawStatus: 'In Progress', statusCategory: null, rawPriority: 'High' });
    expect(issue).to.include({ assigneeEmail: null, assigneeExternalId: null, description: null, projectKey: null });
    expect(issue.updatedAt).to.deep.equal(new Date('2020-12-03T13:05:20.974Z'));
    expect(issue.sourceData).to.deep.equal({ issueType: 'Epic', labels: ['roadmap'], statusId: null, priorityId: null, resolution: null });
  });

  it('names the synthetic fields of the OpenAPI search example it cannot use (no summary, `updated: 1`)', () => {
    const page = right(decodeBody(SearchPageCodec, 'a search')(response(jiraFixture('search-jql.openapi-example.json'))));
    const error = left(decodeIssues(page.issues, 'the issue search'));
    expect(error.message).to.include('issues.0.fields.summary must be string');
    expect(error.message).to.include('issues.0.fields.updated must be a Jira timestamp');
  });

  it('maps the rest of the OpenAPI example, whose description is a plain string, not ADF', () => {
    const issue = right(JiraIssueCodec.decode(withSummaryAndUpdated(firstIssueOf('search-jql.openapi-example.json'))));
    const mapped = toSourceIssue('https://your-domain.atlassian.net/')(issue);
    expect(mapped).to.include({ externalId: '10002', key: 'ED-1', url: 'https://your-domain.atlassian.net/browse/ED-1' });
    expect(mapped).to.include({ description: 'Main order flow broken', projectKey: 'EX', rawStatus: null, assigneeExternalId: null });
  });

  it('flattens the ADF description of the legacy search example the same way', () => {
    const issue = right(JiraIssueCodec.decode(withSummaryAndUpdated(firstIssueOf('search-legacy-deprecated.openapi-example.json'))));
    expect(toSourceIssue('https://your-domain.atlassian.net')(issue).description).to.equal('Main order flow broken');
  });

  it('decodes the issue of a real webhook delivery (REST v2 shape, wiki-markup description)', () => {
    const delivery = jiraFixture('webhook-issue-updated-status.json') as { issue: unknown };
    const issue = toSourceIssue('https://zulipp.atlassian.net')(right(JiraIssueCodec.decode(delivery.issue)));
    expect(issue).to.deep.equal({
      externalId: '10000',
      key: 'TEST-1',
      url: 'https://zulipp.atlassian.net/browse/TEST-1',
      title: 'Fix That',
      description: 'Fix That',
      rawStatus: 'In Progress',
      statusCategory: 'indeterminate',
      rawPriority: 'Medium',
      projectKey: 'ABC',
      assigneeEmail: null,
      assigneeExternalId: null,
      dueDate: null,
      createdAt: new Date('2017-01-30T17:30:41.962Z'),
      updatedAt: new Date('2017-01-30T17:32:14.716Z'),
      version: '2017-01-30T17:32:14.716Z',
      sourceData: { issueType: 'Task', labels: [], statusId: '3', priorityId: '3', resolution: null },
    });
  });

  it('reads the account and its time zone from /myself, and tolerates what privacy hides', () => {
    const me = right(decodeBody(MyselfCodec, '/myself')(response(jiraFixture('myself.openapi-example.json'))));
    expect(me).to.include({ displayName: 'Mia Krystof', timeZone: 'Australia/Sydney', emailAddress: 'mia@example.com' });
    const hidden = { ...(jiraFixture('myself.openapi-example.json') as object), emailAddress: null, timeZone: undefined };
    expect(right(decodeBody(MyselfCodec, '/myself')(response(hidden)))).to.include({ emailAddress: null });
  });

  it('keeps the status category of every category Jira has', () => {
    for (const category of jiraFixture('statuscategories.json') as Array<{ key: string; name: string }>) {
      const fields = right(JiraIssueFieldsCodec.decode({ summary: 's', updated: '2020-01-01T00:00:00.000+0000', status: { name: category.name, statusCategory: category } }));
      expect(toSourceIssue('https://x.atlassian.net')({ id: '1', key: 'X-1', fields }).statusCategory).to.equal(category.key);
    }
  });

  it("quotes Jira's own words from an ErrorCollection", () => {
    const error = errorForStatus(response(jiraFixture('error-400.openapi-example.json'), 400), null, 'the issue search');
    expect(error).to.deep.include({ _tag: 'SourceUnavailable' });
    expect(error.message).to.include("Jira said: Field 'priority' is required");
  });

  it('answers a body that is not JSON with a hint about the base URL', () => {
    const error = left(decodeBody(MyselfCodec, '/myself')({ status: 200, header: () => null, body: '<html>login</html>' }));
    expect(error.message).to.include('not JSON').and.include('base URL');
  });
});
