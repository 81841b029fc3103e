import { expect } from 'chai';
import { startEventReceiver, verifySignature, type EventReceiver } from './support/event-receiver.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

const ISSUES = 12;

describe('HTTP outbound webhooks', () => {
  let api: TestApi;
  let receiver: EventReceiver;
  const a = tokenFor(ORG_A);
  const seconds = () => Math.floor(api.now().getTime() / 1000);

  before(async () => {
    api = await startTestApi({ issues: ISSUES });
  });
  after(() => api.close());
  beforeEach(async () => (receiver = await startEventReceiver()));
  afterEach(async () => {
    await receiver.close();
    for (const token of [a, tokenFor(ORG_B)]) {
      for (const path of ['/api/event-endpoints', '/api/integrations']) {
        const list = await api.http.call('GET', path, { token });
        for (const item of list.json.data) await api.http.call('DELETE', `${path}/${item.id}`, { token });
      }
    }
  });

  const endpoint = async (body: Record<string, unknown> = {}, token = a) => {
    const response = await api.http.call('POST', '/api/event-endpoints', { token, body: { url: receiver.url, ...body } });
    expect(response.status, response.text).to.equal(201);
    return response.json.data as { id: string; signingSecret: string };
  };
  const syncAll = async (token = a) => {
    const created = await api.http.call('POST', '/api/integrations', { token, body: { type: 'jira', baseUrl: api.jira.baseUrl, email: api.jira.email, apiToken: api.jira.apiToken } });
    expect(created.status, created.text).to.equal(201);
    const synced = await api.http.call('POST', `/api/integrations/${created.json.data.id}/sync-now`, { token });
    expect(synced.status, synced.text).to.equal(200);
    return created.json.data.id as string;
  };

  it('writes one created event per issue of a sync and delivers each once, signed so a reference implementation verifies it', async () => {
    const { signingSecret } = await endpoint({ eventTypes: ['external_task.created'] });
    await syncAll();
    await api.events.drain();
    const [outbox] = await api.orm.em.fork().execute<Array<{ n: string }>>("select count(*) as n from outbox_events where type = 'external_task.created'");
    expect(Number(outbox!.n)).to.equal(ISSUES);
    expect(receiver.received).to.have.length(ISSUES);
    expect(new Set(receiver.received.map((d) => d.eventId)).size).to.equal(ISSUES);
    for (const delivery of receiver.received) {
      expect(verifySignature(String(delivery.headers['taskport-signature']), delivery.body, signingSecret, seconds())).to.equal(true);
      expect(verifySignature(String(delivery.headers['taskport-signature']), `${delivery.body} `, signingSecret, seconds())).to.equal(false);
      expect(verifySignature(String(delivery.headers['taskport-signature']), delivery.body, 'whsec_someone_else', seconds())).to.equal(false);
      const event = JSON.parse(delivery.body) as { id: string; type: string; organizationId: string; cause: string };
      expect(event).to.include({ id: delivery.eventId, type: 'external_task.created', organizationId: ORG_A, cause: 'sync' });
      expect(delivery.headers).to.include({ 'content-type': 'application/json', 'taskport-event-type': 'external_task.created' });
    }
  });

  it('sends an event a receiver answered 500 once more after the backoff, and then never again', async () => {
    await endpoint({ eventTypes: ['connection.sync_succeeded'] });
    receiver.answerWith((_delivery, index) => (index === 0 ? 500 : 200));
    await syncAll();
    await api.events.drain();
    expect(receiver.received.map((d) => d.status)).to.deep.equal([500]);
    api.advanceClock(10_000);
    await api.events.drain();
    api.advanceClock(3_600_000);
    await api.events.drain();
    expect(receiver.received.map((d) => d.status)).to.deep.equal([500, 200]);
    expect(receiver.received[1]!.eventId).to.equal(receiver.received[0]!.eventId);
    expect(receiver.received[1]!.body).to.equal(receiver.received[0]!.body);
    const { id } = (await api.http.call('GET', '/api/event-endpoints', { token: a })).json.data[0];
    const deliveries = await api.http.call('GET', `/api/event-endpoints/${id}/deliveries`, { token: a });
    expect(deliveries.json.data[0]).to.deep.include({ status: 'delivered', attempts: 2 });
    expect(deliveries.json.data[0].recentAttempts.map((attempt: { statusCode: number }) => attempt.statusCode)).to.deep.equal([500, 200]);
    const retried = await api.http.call('POST', `/api/event-endpoints/${id}/deliveries/${deliveries.json.data[0].id}/retry`, { token: a });
    expect(retried.status).to.equal(200);
    await api.events.drain();
    expect(receiver.received.map((d) => d.status)).to.deep.equal([500, 200, 200]);
  });

  it("delivers nothing of one organization's to another's endpoints", async () => {
    await endpoint({}, tokenFor(ORG_B));
    await syncAll();
    await api.events.drain();
    expect(receiver.received).to.deep.equal([]);
  });
});
