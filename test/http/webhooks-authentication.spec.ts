import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hmacHex, jiraIssueWebhook, signedDelivery } from '../builders/jira-webhook-builder.js';
import { JIRA_FIXTURES_DIR } from '../providers/jira/recorded-fixtures.js';
import { countRows } from '../support/table-rows.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';
import { createJiraConnection, errorWithoutRequestId, postWebhook } from './support/webhook-client.js';

const SECRET = 'whsec-http-authentication';
const INVALID = { code: 'webhook/invalid-signature', message: 'The webhook signature is missing or invalid' };
const issue = (n: number) => ({ id: String(20000 + n), key: `PROJ-${n}`, summary: `Issue ${n}`, updated: '2026-01-01T09:00:00.000Z' });

describe('HTTP POST /api/webhooks/jira/:connectionId: who may deliver', () => {
  let api: TestApi;
  let connectionId: string;
  before(async () => (api = await startTestApi()));
  after(() => api.close());
  beforeEach(async () => {
    await api.webhooks.drain();
    await api.orm.em.fork().execute('truncate integration_connections, external_tasks, external_task_events, webhook_inbox');
    connectionId = await createJiraConnection(api, ORG_A, SECRET);
  });
  const tasks = async (organizationId = ORG_A) =>
    (await api.http.call('GET', '/api/external-tasks?includeDeleted=true', { token: tokenFor(organizationId) })).json.data as Array<Record<string, unknown>>;

  it('accepts a delivery signed in either header without any bearer token, and creates the task', async () => {
    const hub = await postWebhook(api, connectionId, signedDelivery(jiraIssueWebhook('jira:issue_created', issue(1)), { secret: SECRET, style: 'hub' }));
    const bare = await postWebhook(api, connectionId, signedDelivery(jiraIssueWebhook('jira:issue_created', issue(2)), { secret: SECRET, style: 'jira' }));
    for (const response of [hub, bare]) {
      expect(response.status, response.text).to.equal(200);
      expect(response.json.data.outcome).to.equal('accepted');
    }
    await api.webhooks.drain();
    expect((await tasks()).map((t) => t.key).sort()).to.deep.equal(['PROJ-1', 'PROJ-2']);
  });

  it('refuses wrong, missing, truncated and other-algorithm signatures with one and the same 401', async () => {
    const body = JSON.stringify(jiraIssueWebhook('jira:issue_created', issue(1)));
    const digest = hmacHex(body, SECRET);
    const bad: Array<Record<string, string>> = [
      { 'x-hub-signature': `sha256=${hmacHex(body, 'not-the-secret')}` },
      {},
      { 'x-hub-signature': `sha256=${digest.slice(0, 40)}` },
      { 'x-hub-signature': `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}` },
      { authorization: `Bearer ${tokenFor(ORG_A)}` },
    ];
    const answers = await Promise.all(bad.map((headers) => postWebhook(api, connectionId, { rawBody: Buffer.from(body), headers: { 'content-type': 'application/json', ...headers } })));
    for (const answer of answers) expect(errorWithoutRequestId(answer)).to.deep.equal(errorWithoutRequestId(answers[0]!));
    expect(answers[0]!.status).to.equal(401);
    expect(answers[0]!.json.error).to.include(INVALID);
    await api.webhooks.drain();
    expect(await tasks()).to.deep.equal([]);
    expect(await countRows(api.orm, 'webhook_inbox')).to.equal(0);
  });

  it('answers an unknown connection, or an id that is no UUID, exactly like a bad signature', async () => {
    const signed = signedDelivery(jiraIssueWebhook('jira:issue_created', issue(1)), { secret: SECRET });
    const badSignature = await postWebhook(api, connectionId, { ...signed, headers: { ...signed.headers, 'x-hub-signature': `sha256=${'ab'.repeat(32)}` } });
    const unknown = await postWebhook(api, '5a5a5a5a-0000-4000-8000-000000000000', signed);
    const notUuid = await postWebhook(api, 'not-a-connection', signed);
    expect(errorWithoutRequestId(unknown)).to.deep.equal(errorWithoutRequestId(badSignature));
    expect(errorWithoutRequestId(notUuid)).to.deep.equal(errorWithoutRequestId(badSignature));
    expect(unknown.text.length).to.equal(badSignature.text.length);
  });

  it("refuses another organization's connection id signed with this organization's secret", async () => {
    const theirs = await createJiraConnection(api, ORG_B, 'whsec-of-org-b');
    const answer = await postWebhook(api, theirs, signedDelivery(jiraIssueWebhook('jira:issue_created', issue(1)), { secret: SECRET }));
    expect(answer.status).to.equal(401);
    await api.webhooks.drain();
    expect([await tasks(ORG_A), await tasks(ORG_B)]).to.deep.equal([[], []]);
  });

  it('refuses every delivery to a connection without a secret until one is set', async () => {
    const bare = await createJiraConnection(api, ORG_B);
    const delivery = signedDelivery(jiraIssueWebhook('jira:issue_created', issue(1)), { secret: 'whsec-later' });
    expect((await postWebhook(api, bare, delivery)).status).to.equal(401);
    await api.http.call('PATCH', `/api/integrations/${bare}`, { token: tokenFor(ORG_B), body: { webhookSecret: 'whsec-later' } });
    expect((await postWebhook(api, bare, delivery)).status).to.equal(200);
  });

  it('accepts the real Jira capture signed as Jira signs it, mapping it like a sync would', async () => {
    const raw = readFileSync(`${JIRA_FIXTURES_DIR}webhook-issue-updated-status.json`);
    const answer = await postWebhook(api, connectionId, { rawBody: raw, headers: { 'content-type': 'application/json; charset=UTF-8', 'x-hub-signature': `sha256=${hmacHex(raw, SECRET)}` } });
    expect(answer.status, answer.text).to.equal(200);
    expect(answer.json.data.deliveryId).to.match(/^sha256:/);
    await api.webhooks.drain();
    const [task] = await tasks();
    expect(task).to.include({ key: 'TEST-1', externalId: '10000', title: 'Fix That', description: 'Fix That', status: 'in_progress', rawStatus: 'In Progress' });
    expect(task).to.include({ url: `${api.jira.baseUrl}/browse/TEST-1`, externalUpdatedAt: '2017-01-30T17:32:14.716Z', deletedAt: null });
  });

  it('answers 403 for a disabled connection and 400 for an unreadable payload, only once the signature is valid', async () => {
    const notJson = signedDelivery('<xml/>', { secret: SECRET });
    const invalid = await postWebhook(api, connectionId, notJson);
    expect([invalid.status, invalid.json.error.code]).to.deep.equal([400, 'webhook/invalid-payload']);
    expect((await postWebhook(api, connectionId, { ...notJson, headers: { 'content-type': 'text/plain' } })).status).to.equal(401);
    await api.http.call('PATCH', `/api/integrations/${connectionId}`, { token: tokenFor(ORG_A), body: { enabled: false } });
    const disabled = await postWebhook(api, connectionId, signedDelivery(jiraIssueWebhook('jira:issue_created', issue(1)), { secret: SECRET }));
    expect([disabled.status, disabled.json.error.code]).to.deep.equal([403, 'webhook/connection-disabled']);
    expect((await postWebhook(api, connectionId, signedDelivery(jiraIssueWebhook('jira:issue_created', issue(1)), { secret: 'guess' }))).status).to.equal(401);
  });
});
