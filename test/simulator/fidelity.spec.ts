import http from 'node:http';
import { expect } from 'chai';
import { DEFAULT_ACCOUNTS, startJiraSimulator, type JiraSimulator, type SimulatorAccount } from '../../apps/simulator/jira/index.js';
import { ADMIN, basicAuth, call, search } from './simulator-http.js';
import { startWebhookReceiver } from './webhook-receiver.js';

const CAPTCHA = DEFAULT_ACCOUNTS.find((a) => a.access === 'captcha') as SimulatorAccount;
const REVOKED = basicAuth(ADMIN.email, 'revoked-token');

/** A GET with a Host header of our choosing, which fetch does not allow. */
const getWithHost = (sim: JiraSimulator, host: string, path: string) =>
  new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: sim.port, path, headers: { host: `${host}:${sim.port}`, authorization: basicAuth(ADMIN.email, ADMIN.apiToken) } }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, location: response.headers.location });
    });
    request.on('error', reject);
    request.end();
  });

// Jira as it really behaves (issue 16): what the adapter must cope with, on demand.
describe('Jira simulator: the behaviour of a real site the adapter must cope with', () => {
  let sim: JiraSimulator;
  beforeEach(async () => {
    sim = await startJiraSimulator({ issues: 40 });
  });
  afterEach(() => sim.close());

  it('answers a project key that does not exist with 400 for the whole query, as Jira does (tenable#25)', async () => {
    const answer = await search(sim, { jql: 'project in ("OPS", "NOPE", "GONE") AND updated >= "2020-01-01"', fields: ['summary'] });
    expect(answer.status).to.equal(400);
    expect(answer.body.errorMessages).to.deep.equal(["The value 'NOPE' does not exist for the field 'project'.", "The value 'GONE' does not exist for the field 'project'."]);
  });

  it('parses and validates JQL without running it (POST /rest/api/3/jql/parse)', async () => {
    const answer = await call(sim, 'POST', '/rest/api/3/jql/parse?validation=strict', { body: { queries: ['project = NOPE', 'labels = backend ORDER BY updated', 'sprint = 5', 'project = ('] } });
    expect(answer.status).to.equal(200);
    const [missing, fine, unknown, broken] = answer.body.queries;
    expect(missing).to.deep.equal({ query: 'project = NOPE', errors: ["The value 'NOPE' does not exist for the field 'project'."] });
    expect(fine).to.deep.equal({
      query: 'labels = backend ORDER BY updated',
      structure: { where: { field: { name: 'labels' }, operator: '=', operand: { value: 'backend' } }, orderBy: { fields: [{ field: { name: 'updated' }, direction: 'asc' }] } },
    });
    expect(unknown.errors).to.have.length(1);
    expect(broken.errors[0]).to.match(/^Error in the JQL Query/);
    expect((await call(sim, 'POST', '/rest/api/3/jql/parse', { body: { queries: [] } })).status).to.equal(400);
  });

  it('can answer a revoked token as the anonymous user, 200 and empty, with X-Seraph-LoginReason (jira.js#418)', async () => {
    expect((await search(sim, { jql: 'updated >= "2020-01-01"' }, REVOKED)).status).to.equal(401);
    sim.site.set({ badCredentials: 'anonymous' });
    const empty = await search(sim, { jql: 'updated >= "2020-01-01"', fields: ['summary'] }, REVOKED);
    expect([empty.status, empty.body, empty.header('x-seraph-loginreason')]).to.deep.equal([200, { issues: [], isLast: true }, 'AUTHENTICATED_FAILED']);
    const projects = await search(sim, { jql: 'project = OPS AND updated >= "2020-01-01"' }, REVOKED);
    expect([projects.status, projects.body.errorMessages]).to.deep.equal([400, ["The value 'OPS' does not exist for the field 'project'."]]);
    const hiddenField = await search(sim, { jql: 'sprint = 5' }, REVOKED);
    expect(hiddenField.body.errorMessages).to.deep.equal(["Field 'sprint' does not exist or this field cannot be viewed by anonymous users."]);
    const me = await call(sim, 'GET', '/rest/api/3/myself', { authorization: REVOKED });
    expect([me.status, me.header('x-seraph-loginreason')]).to.deep.equal([401, 'AUTHENTICATED_FAILED']);
    expect((await call(sim, 'PUT', '/__admin/site', { body: { badCredentials: 'unauthorized' } })).body).to.include({ badCredentials: 'unauthorized' });
  });

  it('locks an account behind a CAPTCHA with 403 and AUTHENTICATION_DENIED (gioboa/jira-plugin#26)', async () => {
    const answer = await fetch(`${sim.url}/rest/api/3/myself`, { headers: { authorization: basicAuth(CAPTCHA.email, CAPTCHA.apiToken) } });
    expect(answer.status).to.equal(403);
    expect(answer.headers.get('x-seraph-loginreason')).to.equal('AUTHENTICATION_DENIED');
    expect(answer.headers.get('x-authentication-denied-reason')).to.equal(`CAPTCHA_CHALLENGE; login-url=${sim.url}/login.jsp`);
  });

  it('answers 429 without Retry-After: an HTML one, and one of the 2026 points quota', async () => {
    sim.faults.failNext('rate-limit-silent');
    const silent = await fetch(`${sim.url}/rest/api/3/myself`, { headers: { authorization: basicAuth(ADMIN.email, ADMIN.apiToken) } });
    expect([silent.status, silent.headers.get('content-type'), silent.headers.get('retry-after'), silent.headers.get('x-ratelimit-reset')]).to.deep.equal([429, 'text/html; charset=utf-8', null, null]);
    expect(await silent.text()).to.match(/^<!DOCTYPE html>/);
    sim.faults.set({ retryAfterSeconds: 2107 });
    sim.faults.failNext('rate-limit-quota');
    const quota = await call(sim, 'GET', '/rest/api/3/myself');
    expect([quota.status, quota.header('retry-after'), quota.header('beta-ratelimit')]).to.deep.equal([429, null, '"tenant-app-quota";r=0;t=2107']);
  });

  it('redirects a renamed site’s old host name with 301 to the new one', async () => {
    sim.site.set({ rename: { from: 'old-name.atlassian.net', to: 'new-name.atlassian.net' } });
    expect(await getWithHost(sim, 'old-name.atlassian.net', '/rest/api/3/myself?x=1')).to.deep.equal({ status: 301, location: `http://new-name.atlassian.net:${sim.port}/rest/api/3/myself?x=1` });
    expect((await getWithHost(sim, 'new-name.atlassian.net', '/rest/api/3/myself')).status).to.equal(200);
  });

  it('moves an issue to another project: a new key, the same id, the old key still found', async () => {
    const issue = sim.store.sorted().find((i) => i.projectKey === 'OPS')!;
    const [id, oldKey] = [issue.id, issue.key];
    const moved = await call(sim, 'POST', `/__admin/issues/${oldKey}/move`, { body: { projectKey: 'WEB' } });
    expect(moved.body).to.deep.equal({ id: String(id), key: issue.key });
    expect(issue.key).to.match(/^WEB-\d+$/);
    const read = await call(sim, 'GET', `/rest/api/3/issue/${oldKey}?fields=project`);
    expect([read.body.id, read.body.key, read.body.fields.project.key]).to.deep.equal([String(id), issue.key, 'WEB']);
  });
});

describe('Jira simulator: rich descriptions, and their wiki markup in webhooks', () => {
  let sim: JiraSimulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  before(async () => {
    receiver = await startWebhookReceiver();
    sim = await startJiraSimulator({ issues: 200, webhooks: { url: receiver.url, secret: null } });
  });
  after(async () => {
    await sim.close();
    await receiver.close();
  });

  const richIssue = async () => {
    const page = await search(sim, { jql: 'updated >= "2020-01-01"', fields: ['description'], maxResults: 100 });
    return page.body.issues.find((i: { fields: { description: { content?: Array<{ type: string }> } | null } }) => i.fields.description?.content?.some((n) => n.type === 'taskList'));
  };

  it('seeds some descriptions with links, mentions, code, tables, expands, task lists, dates and media', async () => {
    const issue = await richIssue();
    const types = issue.fields.description.content.map((n: { type: string }) => n.type);
    expect(types).to.include.members(['paragraph', 'codeBlock', 'table', 'expand', 'taskList', 'decisionList', 'mediaSingle', 'mediaGroup']);
    expect(JSON.stringify(issue.fields.description)).to.include('"type":"mention"').and.include('"type":"inlineCard"').and.include('"type":"link"').and.include('"type":"date"');
  });

  it('sends the description of a webhook as wiki markup with account mentions and code', async () => {
    const issue = await richIssue();
    await call(sim, 'PUT', `/rest/api/3/issue/${issue.key}`, { body: { fields: { summary: 'Edited for the webhook' } } });
    await sim.webhooks.settled();
    const wiki = receiver.received.at(-1)!.json.issue.fields.description as string;
    expect(wiki).to.match(/^Reported by \[~accountid:[^\]]+\], see the \[runbook\|https:\/\/wiki\.example\.com\/runbooks\/checkout\] and \[https:\/\/status/);
    expect(wiki).to.include('{code:bash}\ncurl -s https://api.example.com/health').and.include('||Region||Symptoms||').and.include('!screenshot.png|thumbnail!');
  });
});
