import { expect } from 'chai';
import { jiraIssueWebhook, signedDelivery } from '../builders/jira-webhook-builder.js';
import { countRows } from '../support/table-rows.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A } from './support/tokens.js';
import { createJiraConnection, postWebhook } from './support/webhook-client.js';

const SECRET = 'whsec-timestamps';
const version = { id: '30001', key: 'OPS-1', summary: 'Clock skew', updated: '2026-01-01T09:00:00.000Z' };

/** An issue event whose issue lacks `fields.updated`, so the event's own `timestamp` would be its version. */
const withoutUpdated = (event: 'jira:issue_updated' | 'jira:issue_deleted', timestamp: unknown) => {
  const payload = jiraIssueWebhook(event, version);
  const { updated: _dropped, ...fields } = payload.issue.fields;
  return { ...payload, timestamp, issue: { ...payload.issue, fields } };
};

describe('HTTP POST /api/webhooks/jira/:connectionId: timestamps it cannot read', () => {
  let api: TestApi;
  let connectionId: string;
  before(async () => {
    api = await startTestApi();
    connectionId = await createJiraConnection(api, ORG_A, SECRET);
  });
  after(() => api.close());

  for (const timestamp of [1e300, -1e300, 8.64e15 + 1, 253402300800000, '1767258000000', null]) {
    it(`answers a signed delivery with timestamp ${JSON.stringify(timestamp)} 400 webhook/invalid-payload, and records nothing`, async () => {
      for (const event of ['jira:issue_updated', 'jira:issue_deleted'] as const) {
        const answer = await postWebhook(api, connectionId, signedDelivery(withoutUpdated(event, timestamp), { secret: SECRET }));
        expect([answer.status, answer.json?.error?.code], `${event}: ${answer.text}`).to.deep.equal([400, 'webhook/invalid-payload']);
        expect(answer.json.error.message).to.contain('timestamp');
      }
      expect(await countRows(api.orm, 'webhook_inbox')).to.equal(0);
    });
  }

  it('still answers an unsigned delivery with the same timestamp 401, before reading it', async () => {
    const answer = await postWebhook(api, connectionId, signedDelivery(withoutUpdated('jira:issue_updated', 1e300)));
    expect([answer.status, answer.json.error.code]).to.deep.equal([401, 'webhook/invalid-signature']);
  });

  it('takes a readable timestamp as the version of an issue without `updated`', async () => {
    const answer = await postWebhook(api, connectionId, signedDelivery(withoutUpdated('jira:issue_updated', Date.parse('2026-02-01T10:00:00Z')), { secret: SECRET }));
    expect([answer.status, answer.json.data.outcome], answer.text).to.deep.equal([200, 'accepted']);
  });
});
