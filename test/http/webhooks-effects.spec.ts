import { expect } from 'chai';
import { jiraIssueWebhook, signedDelivery, type JiraIssueVersion } from '../builders/jira-webhook-builder.js';
import { countRows, taskRowVersions } from '../support/table-rows.js';
import { startTestApi, storedCiphertexts, webhookKeyOf, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection, postWebhook } from './support/webhook-client.js';

const SECRET = 'whsec-http-effects';
const HOUR = 3_600_000;
const version = (minute: number, changes: Partial<JiraIssueVersion> = {}): JiraIssueVersion => ({
  id: '30001',
  key: 'OPS-1',
  summary: `as of minute ${minute}`,
  updated: new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString(),
  ...changes,
});

describe('HTTP POST /api/webhooks/jira/:connectionId: what deliveries do', () => {
  let api: TestApi;
  let connectionId: string;
  const a = tokenFor(ORG_A);
  before(async () => (api = await startTestApi({ webhookBodyLimit: 64 * 1024 })));
  after(() => api.close());
  beforeEach(async () => {
    await api.webhooks.drain();
    await api.orm.em.fork().execute('truncate integration_connections, external_tasks, external_task_events, webhook_inbox');
    connectionId = await createJiraConnection(api, ORG_A, SECRET);
  });
  const send = (event: string, v: JiraIssueVersion, options: Parameters<typeof signedDelivery>[1] = {}) =>
    postWebhook(api, connectionId, signedDelivery(jiraIssueWebhook(event, v), { secret: SECRET, ...options }));
  const listed = async (query = '') => (await api.http.call('GET', `/api/external-tasks${query}`, { token: a })).json.data as Array<Record<string, unknown>>;
  const connection = async () => {
    await api.webhookStats.flush();
    return (await api.http.call('GET', `/api/integrations/${connectionId}`, { token: a })).json.data;
  };

  it('applies one delivery sent ten times once: one task write, one event-log row, nine duplicates', async () => {
    const outcomes: string[] = [];
    let versions: Awaited<ReturnType<typeof taskRowVersions>> = [];
    for (let retry = 0; retry < 10; retry += 1) {
      const answer = await send('jira:issue_updated', version(1), { deliveryId: 'delivery-ten-times', ...(retry === 0 ? {} : { retry }) });
      expect(answer.status, answer.text).to.equal(200);
      outcomes.push(answer.json.data.outcome);
      if (retry === 0) {
        await api.webhooks.drain();
        versions = await taskRowVersions(api.orm);
      }
    }
    await api.webhooks.drain();
    expect(outcomes).to.deep.equal(['accepted', ...Array(9).fill('duplicate')]);
    expect(await countRows(api.orm, 'webhook_inbox')).to.equal(1);
    expect(await taskRowVersions(api.orm)).to.deep.equal(versions).and.to.have.length(1);
    expect(await countRows(api.orm, 'external_task_events', "kind = 'webhook'")).to.equal(1);
    expect((await connection()).webhooks).to.include({ accepted: 10, refused: 0 });
  });

  it('has the delivery durably recorded when the 2xx arrives, before anything drains it; a resend records nothing new', async () => {
    const delivery = signedDelivery(jiraIssueWebhook('jira:issue_created', version(1)), { secret: SECRET, deliveryId: 'recorded-before-answer' });
    const answer = await postWebhook(api, connectionId, delivery);
    expect([answer.status, answer.json.data]).to.deep.equal([200, { deliveryId: 'recorded-before-answer', outcome: 'accepted' }]);
    const rows = await api.orm.em.fork().execute<Array<Record<string, unknown>>>('select delivery_key, organization_id, connection_id, provider, delivery_id from webhook_inbox');
    expect(rows).to.deep.equal([
      { delivery_key: await webhookKeyOf(api.orm, connectionId, 'recorded-before-answer'), organization_id: ORG_A, connection_id: connectionId, provider: 'jira', delivery_id: 'recorded-before-answer' },
    ]);
    const resent = await postWebhook(api, connectionId, { ...delivery, headers: { ...delivery.headers, 'x-atlassian-webhook-retry': '1' } });
    expect([resent.status, resent.json.data.outcome]).to.deep.equal([200, 'duplicate']);
    expect(await countRows(api.orm, 'webhook_inbox')).to.equal(1);
    await api.webhooks.drain();
    expect(await countRows(api.orm, 'external_task_events', "kind = 'webhook'")).to.equal(1);
    expect(await countRows(api.orm, 'webhook_inbox', 'completed_at is not null and body is null')).to.equal(1);
  });

  it('keeps the newest version whatever order deliveries arrive in', async () => {
    for (const minute of [5, 2, 9, 7]) expect((await send('jira:issue_updated', version(minute))).status).to.equal(200);
    await api.webhooks.drain();
    expect((await listed()).map((t) => [t.title, t.externalUpdatedAt])).to.deep.equal([['as of minute 9', version(9).updated]]);
  });

  it('marks a deleted issue’s task deleted and hides it from the default list', async () => {
    await send('jira:issue_created', version(1));
    await send('jira:issue_created', version(1, { id: '30002', key: 'OPS-2' }));
    const deleted = await postWebhook(api, connectionId, signedDelivery({ ...jiraIssueWebhook('jira:issue_deleted', version(1)), timestamp: Date.parse('2026-01-01T12:00:00Z') }, { secret: SECRET }));
    expect(deleted.status).to.equal(200);
    await api.webhooks.drain();
    expect((await listed()).map((t) => t.key)).to.deep.equal(['OPS-2']);
    const all = await listed('?includeDeleted=true');
    expect(all.find((t) => t.key === 'OPS-1')).to.include({ deletedAt: '2026-01-01T12:00:00.000Z' });
    await send('jira:issue_updated', version(30));
    await api.webhooks.drain();
    expect((await listed()).map((t) => t.key)).to.deep.equal(['OPS-2']);
  });

  it('refuses a body over the limit with 413, before reading it whole', async () => {
    const big = signedDelivery({ ...jiraIssueWebhook('jira:issue_created', version(1)), padding: 'x'.repeat(64 * 1024) }, { secret: SECRET });
    const answer = await postWebhook(api, connectionId, big);
    expect([answer.status, answer.json.error.code]).to.deep.equal([413, 'webhook/body-too-large']);
    expect(await listed()).to.deep.equal([]);
  });

  it('accepts the old and new secret during the grace period after a rotation, then only the new one', async () => {
    const rotated = await api.http.call('PATCH', `/api/integrations/${connectionId}`, { token: a, body: { webhookSecret: 'whsec-rotated' } });
    expect(rotated.status).to.equal(200);
    expect(Date.parse(rotated.json.data.webhooks.previousSecretValidUntil) - api.now().getTime()).to.be.within(23 * HOUR, 24 * HOUR);
    expect((await send('jira:issue_updated', version(1))).status).to.equal(200);
    expect((await send('jira:issue_updated', version(2), { secret: 'whsec-rotated' })).status).to.equal(200);
    api.advanceClock(24 * HOUR + 1000);
    expect((await send('jira:issue_updated', version(3))).status).to.equal(401);
    expect((await send('jira:issue_updated', version(4), { secret: 'whsec-rotated' })).status).to.equal(200);
  });

  it('shows lastWebhookAt and the accepted and refused counts in the public connection, and no secret', async () => {
    expect((await connection()).webhooks).to.deep.equal({ lastWebhookAt: null, accepted: 0, refused: 0, previousSecretValidUntil: null, deadLetters: 0 });
    const before = api.now().getTime();
    await send('jira:issue_created', version(1));
    await send('jira:issue_created', version(2), { secret: 'wrong' });
    await send('comment_created', version(3));
    const shown = await connection();
    expect(shown.webhooks).to.include({ accepted: 2, refused: 1 });
    expect(Date.parse(shown.webhooks.lastWebhookAt)).to.be.within(before, api.now().getTime());
    const everything = api.http.seen.join('\n');
    for (const secret of [SECRET, ...(await storedCiphertexts(api.orm))]) expect(everything).not.to.contain(secret);
  });
});
