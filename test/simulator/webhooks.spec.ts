import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { jiraFixture, jsonType, keysOf } from '../providers/jira/recorded-fixtures.js';
import { call } from './simulator-http.js';
import { startWebhookReceiver } from './webhook-receiver.js';

type Json = Record<string, unknown>;
const SECRET = 'whsec-simulator';
const capture = jiraFixture('webhook-issue-updated-status.json') as Json & { issue: Json & { fields: Json } };
const systemFields = keysOf(capture.issue.fields).filter((k) => !k.startsWith('customfield_'));
const signatureOf = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('Jira simulator webhooks', () => {
  let sim: JiraSimulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    sim = await startJiraSimulator({ issues: 30, webhooks: { url: receiver.url, secret: SECRET } });
  });
  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });
  const someIssue = () => sim.store.sorted().find((i) => i.assigneeId !== null && i.priorityId !== null)!;
  const deliveredAfter = async (action: () => Promise<unknown>) => {
    const before = receiver.received.length;
    await action();
    await sim.webhooks.settled();
    return receiver.received.slice(before);
  };

  it('sends an edit signed, with Jira’s headers, in the real capture’s shape (REST v2, wiki description)', async () => {
    const issue = someIssue();
    const summaryBefore = issue.summary;
    const [sent, ...more] = await deliveredAfter(() => call(sim, 'PUT', `/rest/api/3/issue/${issue.key}`, { body: { fields: { summary: 'Edited' } } }));
    expect(more).to.deep.equal([]);
    expect(sent!.headers).to.include({ 'x-atlassian-webhook-flow': 'Primary', 'x-hub-signature': signatureOf(sent!.body) });
    expect(sent!.headers['x-atlassian-webhook-identifier']).to.be.a('string').and.not.equal('');
    expect(sent!.headers).not.to.have.property('x-atlassian-webhook-retry');
    const body = sent!.json;
    expect(keysOf(body)).to.deep.equal(keysOf(capture));
    expect(keysOf(body.issue)).to.deep.equal(keysOf(capture.issue));
    expect(keysOf(body.issue.fields)).to.deep.equal([...systemFields].sort());
    for (const name of systemFields) {
      const real = capture.issue.fields[name];
      if (real !== null && body.issue.fields[name] !== null) expect(jsonType(body.issue.fields[name]), name).to.equal(jsonType(real));
    }
    expect(body).to.deep.include({ webhookEvent: 'jira:issue_updated', issue_event_type_name: 'issue_updated' });
    expect(body.issue).to.include({ id: String(issue.id), key: issue.key, self: `${sim.url}/rest/api/2/issue/${issue.id}` });
    expect(body.issue.fields.status.self).to.match(/\/rest\/api\/2\/status\//);
    expect(body.user.self).to.match(/\/rest\/api\/2\/user\?accountId=/);
    expect(JSON.stringify(body)).not.to.contain('/rest/api/3/');
    expect(body.issue.fields.summary).to.equal('Edited');
    expect(body.changelog.items).to.deep.equal([{ field: 'summary', fieldtype: 'jira', from: null, fromString: summaryBefore, to: null, toString: 'Edited' }]);
    expect(keysOf(body.changelog.items[0])).to.deep.equal(keysOf((capture.changelog as { items: Json[] }).items[0]));
  });

  it('renders the description as wiki markup, as REST v2 does', async () => {
    const adf = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Steps' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Open the ' }, { type: 'text', text: 'login', marks: [{ type: 'strong' }] }, { type: 'text', text: ' page' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'wait' }] }] }] },
        { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'retry', marks: [{ type: 'code' }] }] }] }] },
      ],
    };
    const [sent] = await deliveredAfter(() => call(sim, 'PUT', `/rest/api/3/issue/${someIssue().key}`, { body: { fields: { description: adf } } }));
    expect(sent!.json.issue.fields.description).to.equal('h2. Steps\nOpen the *login* page\n* wait\n# {{retry}}');
  });

  it('sends a transition as issue_generic with the status change, like the capture', async () => {
    const issue = sim.store.sorted().find((i) => i.statusId === '10000')!;
    const [sent] = await deliveredAfter(() => call(sim, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, { body: { transition: { id: '21' } } }));
    expect(sent!.json).to.deep.include({ issue_event_type_name: 'issue_generic' });
    expect(sent!.json.changelog.items).to.deep.equal([{ field: 'status', fieldtype: 'jira', from: '10000', fromString: 'To Do', to: '3', toString: 'In Progress' }]);
    expect(sent!.json.issue.fields.status).to.include({ id: '3', name: 'In Progress' });
  });

  it('sends creations and deletions; a deleted issue is gone from the site', async () => {
    const [created] = await deliveredAfter(() =>
      call(sim, 'POST', '/rest/api/3/issue', { body: { fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'Brand new' } } }),
    );
    expect(created!.json).to.include({ webhookEvent: 'jira:issue_created', issue_event_type_name: 'issue_created' }).and.not.have.property('changelog');
    const key = created!.json.issue.key as string;
    const [deleted] = await deliveredAfter(() => call(sim, 'DELETE', `/rest/api/3/issue/${key}`));
    expect(deleted!.json).to.include({ webhookEvent: 'jira:issue_deleted', issue_event_type_name: 'issue_deleted' });
    expect(deleted!.json.issue).to.include({ key });
    expect((await call(sim, 'GET', `/rest/api/3/issue/${key}`)).status).to.equal(404);
    expect((await call(sim, 'DELETE', `/rest/api/3/issue/${key}`)).status).to.equal(404);
  });

  it('resends a delivery byte for byte with the next retry count, and signs with a wrong secret on request', async () => {
    const issue = someIssue();
    const [first] = await deliveredAfter(() => call(sim, 'PUT', `/rest/api/3/issue/${issue.key}`, { body: { fields: { summary: 'Once' } } }));
    const [delivery] = sim.webhooks.deliveries();
    const resent = await deliveredAfter(async () => {
      await sim.webhooks.resend(delivery!.id);
      await call(sim, 'POST', `/__admin/webhooks/deliveries/${delivery!.id}/resend`, { body: { wrongSecret: true } });
    });
    expect(resent.map((r) => [r.body, r.headers['x-atlassian-webhook-identifier'], r.headers['x-atlassian-webhook-retry']])).to.deep.equal([
      [first!.body, delivery!.id, '1'],
      [first!.body, delivery!.id, '2'],
    ]);
    expect(resent.map((r) => r.headers['x-hub-signature'] === signatureOf(r.body))).to.deep.equal([true, false]);

    await call(sim, 'POST', '/__admin/webhooks/wrong-secret', { body: { count: 1 } });
    const next = await deliveredAfter(async () => {
      await call(sim, 'PUT', `/rest/api/3/issue/${issue.key}`, { body: { fields: { summary: 'Twice' } } });
      await call(sim, 'PUT', `/rest/api/3/issue/${issue.key}`, { body: { fields: { summary: 'Thrice' } } });
    });
    expect(next.map((r) => r.headers['x-hub-signature'] === signatureOf(r.body))).to.deep.equal([false, true]);
    const attempts = (await call(sim, 'GET', '/__admin/webhooks/deliveries')).body[0].attempts;
    expect(attempts.map((a: { retry: number; status: number; wrongSecret: boolean }) => [a.retry, a.status, a.wrongSecret])).to.deep.equal([[0, 200, false], [1, 200, false], [2, 200, true]]);
  });

  it('is configured at run time through /__admin/webhooks, on loopback only', async () => {
    expect((await call(sim, 'GET', '/__admin/webhooks')).body).to.deep.equal({ url: receiver.url, hasSecret: true });
    expect((await call(sim, 'PUT', '/__admin/webhooks', { body: { url: 'https://example.com/hook' } })).status).to.equal(400);
    await call(sim, 'PUT', '/__admin/webhooks', { body: { secret: null } });
    const [unsigned] = await deliveredAfter(() => call(sim, 'PUT', `/rest/api/3/issue/${someIssue().key}`, { body: { fields: { summary: 'Unsigned' } } }));
    expect(unsigned!.headers).not.to.have.property('x-hub-signature');
    await call(sim, 'PUT', '/__admin/webhooks', { body: { url: null } });
    expect(await deliveredAfter(() => call(sim, 'PUT', `/rest/api/3/issue/${someIssue().key}`, { body: { fields: { summary: 'Unsent' } } }))).to.deep.equal([]);
    sim.webhooks.configure({ url: receiver.url, secret: 'whsec-runtime' });
    const [signed] = await deliveredAfter(() => call(sim, 'PUT', `/rest/api/3/issue/${someIssue().key}`, { body: { fields: { summary: 'Signed again' } } }));
    expect(signed!.headers['x-hub-signature']).to.equal(signatureOf(signed!.body, 'whsec-runtime'));
  });
});
