import { expect } from 'chai';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { jiraFixture, jsonType, keysOf } from '../providers/jira/recorded-fixtures.js';
import { call, search } from './simulator-http.js';

type Json = Record<string, unknown>;
const realIssue = (jiraFixture('search-jql-response.real-issue.json') as { issues: Json[] }).issues[0] as Json & { fields: Json };
const JIRA_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;
// Null in Jira too when unset: never viewed, no description, hidden priority, unassigned, no due date.
const NULLABLE = new Set(['lastViewed', 'description', 'priority', 'assignee', 'duedate', 'resolution', 'resolutiondate']);
const hasEmail = (user: unknown) => typeof user === 'object' && user !== null && 'emailAddress' in user;

describe('Jira simulator answers like the recorded Jira payloads', () => {
  let sim: JiraSimulator;
  before(async () => {
    sim = await startJiraSimulator({ issues: 200, seed: 7 });
  });
  after(() => sim.close());

  const allFieldsIssue = async (predicate: (fields: Json) => boolean): Promise<Json & { fields: Json }> => {
    const page = await search(sim, { jql: 'project in (OPS, WEB, API) ORDER BY updated ASC, key ASC', fields: ['*all'], maxResults: 100 });
    const found = (page.body.issues as Array<Json & { fields: Json }>).find((i) => predicate(i.fields));
    if (found === undefined) expect.fail('no seeded issue matches');
    return found;
  };

  it('an issue has the real top-level keys and every system field of the real capture', async () => {
    const issue = await allFieldsIssue((f) => hasEmail(f.assignee));
    expect(keysOf(issue)).to.deep.equal(keysOf(realIssue));
    const systemFields = keysOf(realIssue.fields).filter((k) => !k.startsWith('customfield_'));
    expect(keysOf(issue.fields)).to.include.members(systemFields);
    for (const name of systemFields) {
      const [real, simulated] = [realIssue.fields[name], issue.fields[name]];
      if (real !== null && !(NULLABLE.has(name) && simulated === null)) expect(jsonType(simulated), name).to.equal(jsonType(real));
    }
  });

  it('nested objects carry the same keys as the real capture', async () => {
    const issue = await allFieldsIssue((f) => f.priority !== null && hasEmail(f.assignee) && hasEmail(f.creator));
    for (const name of ['status', 'priority', 'project', 'issuetype', 'assignee', 'creator', 'reporter', 'watches', 'votes', 'comment', 'worklog', 'progress', 'issuerestriction']) {
      expect(keysOf(issue.fields[name]), name).to.deep.equal(keysOf(realIssue.fields[name]));
    }
    const status = issue.fields.status as Json;
    expect(keysOf(status.statusCategory)).to.deep.equal(keysOf((realIssue.fields.status as Json).statusCategory));
    expect(keysOf((issue.fields.project as Json).avatarUrls)).to.deep.equal(keysOf((realIssue.fields.project as Json).avatarUrls));
    for (const name of ['created', 'updated', 'statuscategorychangedate']) expect(issue.fields[name], name).to.match(JIRA_TIMESTAMP);
  });

  it('renders times in the caller’s zone with a colon-less offset, like the real capture', async () => {
    const issue = await allFieldsIssue(() => true);
    const updated = String(issue.fields.updated);
    expect(updated.slice(-5)).to.be.oneOf(['-0800', '-0700']);
    const stored = sim.store.find(String(issue.id));
    expect(new Date(updated.replace(/(\d{2})(\d{2})$/, '$1:$2')).getTime()).to.equal(stored?.updated);
  });

  it('hides the e-mail of users whose privacy settings say so, keeping the accountId', async () => {
    const issue = await allFieldsIssue((f) => f.assignee !== null && !hasEmail(f.assignee));
    expect(issue.fields.assignee).to.have.property('accountId').that.is.a('string');
  });

  it('uses Jira’s status categories exactly', async () => {
    const recorded = (jiraFixture('statuscategories.json') as Json[]).filter((c) => c.key !== 'undefined');
    const seen = new Map<unknown, Json>();
    const page = await search(sim, { jql: 'project in (OPS, WEB, API)', fields: ['status'], maxResults: 100 });
    for (const issue of page.body.issues as Array<{ fields: { status: { statusCategory: Json } } }>) {
      seen.set(issue.fields.status.statusCategory.key, issue.fields.status.statusCategory);
    }
    expect([...seen.keys()].sort()).to.deep.equal(['done', 'indeterminate', 'new']);
    for (const category of recorded) {
      const { self: _ignored, ...rest } = category;
      expect(seen.get(category.key)).to.deep.include(rest);
    }
  });

  it('/myself has every field of the recorded example, with the same types', async () => {
    const recorded = jiraFixture('myself.openapi-example.json') as Json;
    const me = await call(sim, 'GET', '/rest/api/3/myself');
    expect(keysOf(me.body)).to.include.members(keysOf(recorded));
    for (const key of keysOf(recorded)) expect(jsonType(me.body[key]), key).to.equal(jsonType(recorded[key]));
    expect(keysOf(me.body.avatarUrls)).to.deep.equal(keysOf(recorded.avatarUrls));
  });

  it('the search envelope has no total or startAt, and the token is left out on the last page', async () => {
    const first = await search(sim, { jql: 'project = OPS', maxResults: 10 });
    expect(keysOf(first.body)).to.deep.equal(keysOf(jiraFixture('search-jql-page1.shape.json')));
    const last = await search(sim, { jql: 'project = OPS', maxResults: 5000 });
    expect(keysOf(last.body)).to.deep.equal(['isLast', 'issues']);
    expect(last.body.isLast).to.equal(true);
  });

  it('creates an issue from the recorded request’s modelled fields and answers like the recorded 201', async () => {
    const request = jiraFixture('create-issue-request.openapi-example.json') as { fields: Json };
    const { description, duedate, labels, summary } = request.fields;
    const created = await call(sim, 'POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'WEB' }, issuetype: { name: 'Bug' }, summary, description, duedate, labels } },
    });
    expect(created.status).to.equal(201);
    const { transition: _onlyWhenTransitioned, ...recorded201 } = jiraFixture('create-issue-201.openapi-example.json') as Json;
    expect(keysOf(created.body)).to.deep.equal(keysOf(recorded201));
    const read = await call(sim, 'GET', `/rest/api/3/issue/${created.body.key}`);
    expect(read.body.fields).to.deep.include({ summary, description, duedate, labels });
  });

  it('refuses the recorded create request verbatim, naming each field this site does not have', async () => {
    const answer = await call(sim, 'POST', '/rest/api/3/issue', { body: jiraFixture('create-issue-request.openapi-example.json') });
    expect(answer.status).to.equal(400);
    expect(keysOf(answer.body)).to.deep.equal(keysOf(jiraFixture('error-400.openapi-example.json')));
    expect(answer.body.errors).to.include.keys('customfield_10000', 'components', 'fixVersions', 'priority', 'assignee');
    expect(answer.body.errors.customfield_10000).to.equal("Field 'customfield_10000' cannot be set. It is not on the appropriate screen, or unknown.");
  });

  it('lists transitions with the recorded keys and applies the recorded transition request', async () => {
    const recorded = (jiraFixture('transitions.openapi-example.json') as { transitions: Json[] }).transitions[0] as Json;
    const issue = sim.store.sorted()[0];
    const listed = await call(sim, 'GET', `/rest/api/3/issue/${issue?.key}/transitions`);
    const transitions = listed.body.transitions as Json[];
    expect(transitions).to.have.length(3);
    for (const t of transitions) {
      expect(keysOf(t)).to.deep.equal(keysOf(recorded).filter((k) => k !== 'fields'));
      expect(keysOf(t.to)).to.deep.equal(keysOf(realIssue.fields.status));
    }
    const body = jiraFixture('transition-issue-request.openapi-example.json') as Json;
    const refused = await call(sim, 'POST', `/rest/api/3/issue/${issue?.key}/transitions`, { body });
    expect([refused.status, refused.body.errorMessages]).to.deep.equal([400, ["Transition id '5' is not valid for this issue."]]);
    const target = transitions[0] as { id: string; to: { id: string } };
    const applied = await call(sim, 'POST', `/rest/api/3/issue/${issue?.key}/transitions`, { body: { ...body, transition: { id: target.id } } });
    expect(applied.status).to.equal(204);
    expect(sim.store.find(String(issue?.key))?.statusId).to.equal(target.to.id);
  });

  it('answers the removed legacy search with 410 Gone and an ErrorCollection', async () => {
    for (const path of ['/rest/api/3/search?jql=project%20%3D%20OPS', '/rest/api/2/search?jql=project%20%3D%20OPS']) {
      const answer = await call(sim, 'GET', path);
      expect(answer.status).to.equal(410);
      expect(answer.body.errorMessages[0]).to.include('/rest/api/3/search/jql');
    }
  });
});
