import { expect } from 'chai';
import { jiraIssueWebhook, signedDelivery, type SignedDelivery } from '../builders/jira-webhook-builder.js';
import { countRows } from '../support/table-rows.js';
import type { ApiResponse } from './support/http-client.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

const SECRET = 'whsec-endpoint-parity';
const issue = (n: number) => ({ id: String(30000 + n), key: `PAR-${n}`, summary: `Issue ${n}`, updated: '2026-01-01T09:00:00.000Z' });
const UNKNOWN = '5a5a5a5a-0000-4000-8000-000000000000';

/** What must be equal between the two paths: everything but what differs per request (the request id, a delivery's id). */
const comparable = (response: ApiResponse) => ({
  status: response.status,
  contentType: response.headers.get('content-type'),
  connection: response.headers.get('connection'),
  requestIdHeader: /^[0-9a-f-]{36}$/.test(response.headers.get('x-request-id') ?? ''),
  body: response.json?.error === undefined ? { outcome: response.json?.data?.outcome } : { ...response.json.error, requestId: response.json.error.requestId === response.headers.get('x-request-id') },
});

/**
 * The API server answers `POST /api/webhooks/<provider>/<id>` before Koa; a trailing slash takes the
 * same route through Koa. Both must answer every case alike, and record the same.
 */
describe('HTTP webhook deliveries: answered before Koa exactly as through Koa', () => {
  let api: TestApi;
  let connectionId: string;
  before(async () => {
    api = await startTestApi({ webhookBodyLimit: 4_096 });
    connectionId = await createJiraConnection(api, ORG_A, SECRET);
  });
  after(() => api.close());

  let n = 0;
  const aDelivery = () => signedDelivery(jiraIssueWebhook('jira:issue_created', issue((n += 1))), { secret: SECRET, deliveryId: `parity-${n}` });
  const post = (path: string, delivery: SignedDelivery) => api.http.call('POST', path, { rawBody: delivery.rawBody, headers: delivery.headers });
  /** The same case on both paths, each with a delivery of its own (a delivery is recorded once). */
  const both = async (provider: string, id: string, make: () => SignedDelivery, twice = false) => {
    const answers: ApiResponse[] = [];
    for (const slash of ['', '/']) {
      const delivery = make();
      if (twice) await post(`/api/webhooks/${provider}/${id}${slash}`, delivery);
      answers.push(await post(`/api/webhooks/${provider}/${id}${slash}`, delivery));
    }
    return answers.map(comparable);
  };

  it('accepts, then answers a resend as a duplicate, alike', async () => {
    const [fast, koa] = await both('jira', connectionId, aDelivery);
    expect(fast).to.deep.equal(koa);
    expect(fast!.body).to.deep.equal({ outcome: 'accepted' });
    const [fastAgain, koaAgain] = await both('jira', connectionId, aDelivery, true);
    expect(fastAgain).to.deep.equal(koaAgain);
    expect(fastAgain!.body).to.deep.equal({ outcome: 'duplicate' });
    await api.webhooks.drain();
    expect(await countRows(api.orm, 'webhook_inbox')).to.equal(4);
  });

  it('refuses a bad signature, an unknown connection, an id that is no UUID and an unknown provider alike', async () => {
    const badSignature = () => ({ ...aDelivery(), headers: { 'content-type': 'application/json', 'x-hub-signature': `sha256=${'ab'.repeat(32)}` } });
    const cases = [
      await both('jira', connectionId, badSignature),
      await both('jira', UNKNOWN, aDelivery),
      await both('jira', 'not-a-connection', aDelivery),
      await both('nosuch', connectionId, aDelivery),
    ];
    for (const [fast, koa] of cases) expect(fast).to.deep.equal(koa);
    expect(cases.map(([fast]) => [fast!.status, (fast!.body as { code?: string }).code])).to.deep.equal([
      [401, 'webhook/invalid-signature'],
      [401, 'webhook/invalid-signature'],
      [401, 'webhook/invalid-signature'],
      [404, 'provider/not-found'],
    ]);
  });

  it('refuses an unreadable payload and a body over the limit alike', async () => {
    const unreadable = () => signedDelivery('{"webhookEvent": ', { secret: SECRET });
    const oversized = () => signedDelivery(jiraIssueWebhook('jira:issue_created', { ...issue((n += 1)), summary: 'x'.repeat(5_000) }), { secret: SECRET });
    const [fastUnreadable, koaUnreadable] = await both('jira', connectionId, unreadable);
    const [fastOversized, koaOversized] = await both('jira', connectionId, oversized);
    expect(fastUnreadable).to.deep.equal(koaUnreadable);
    expect(fastUnreadable!.status).to.equal(400);
    expect(fastOversized).to.deep.equal(koaOversized);
    expect([fastOversized!.status, fastOversized!.connection]).to.deep.equal([413, 'close']);
  });
});
