import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiUseCases } from '../../adapters/http/api-use-cases.js';
import { createApiApp } from '../../adapters/http/create-api-app.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { jiraIssueWebhook, signedDelivery } from '../builders/jira-webhook-builder.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';
import { createJiraConnection, postWebhook } from './support/webhook-client.js';

const SECRET = 'whsec-metrics';

/** The value of one sample line of the Prometheus text, or undefined when absent. */
const sample = (text: string, name: string, labels: string) =>
  text.split('\n').find((line) => line.startsWith(`${name}{`) && line.includes(labels))?.split(' ').at(-1);

describe('HTTP GET /metrics', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  // Waits (a 429's Retry-After) are not sat out.
  before(async () => (api = await startTestApi({ jira: { sleep: async () => undefined } })));
  after(() => api.close());

  it('answers Prometheus text with request latency by route template and status, and process metrics', async () => {
    await api.http.call('GET', '/api/integrations', { token: a });
    await api.http.call('GET', '/api/integrations/00000000-0000-4000-8000-000000000001', { token: a });
    await api.http.call('GET', '/api/integrations/00000000-0000-4000-8000-000000000002', { token: a });
    await api.http.call('GET', '/nowhere/at/all');
    const metrics = await api.http.call('GET', '/metrics');
    expect([metrics.status, metrics.headers.get('content-type')]).to.deep.equal([200, 'text/plain; version=0.0.4; charset=utf-8']);
    const count = (labels: string) => sample(metrics.text, 'taskport_http_request_duration_seconds_count', labels);
    expect(count('method="GET",route="/api/integrations/:id",status="404"')).to.equal('2');
    expect(count('method="GET",route="/api/integrations",status="200"')).to.equal('1');
    expect(count('method="GET",route="unmatched",status="404"')).to.equal('1');
    expect(metrics.text).not.to.contain('00000000-0000-4000-8000-000000000001');
    expect(metrics.text).to.match(/^process_cpu_user_seconds_total \d/m);
    expect(metrics.text).to.match(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('counts webhook deliveries accepted and refused, by provider', async () => {
    const connectionId = await createJiraConnection(api, ORG_A, SECRET);
    const version = { id: '40001', key: 'OPS-1', updated: '2026-01-01T10:00:00.000Z', summary: 'one' };
    expect((await postWebhook(api, connectionId, signedDelivery(jiraIssueWebhook('jira:issue_created', version), { secret: SECRET }))).status).to.equal(200);
    expect((await postWebhook(api, connectionId, signedDelivery(jiraIssueWebhook('jira:issue_created', version), { secret: 'wrong' }))).status).to.equal(401);
    await api.http.call('POST', '/api/webhooks/made-up-provider/whatever', { rawBody: '{}' });
    await api.webhooks.drain();
    const text = (await api.http.call('GET', '/metrics')).text;
    const deliveries = (labels: string) => sample(text, 'taskport_webhook_deliveries_total', labels);
    expect([deliveries('provider="jira",outcome="accepted"'), deliveries('provider="jira",outcome="refused"'), deliveries('provider="unknown",outcome="refused"')]).to.deep.equal(['1', '1', '1']);
    expect(text).not.to.contain('made-up-provider');
  });

  it('counts sync runs by provider and outcome, with their items, duration and the tracker requests and 429s they made', async () => {
    const connectionId = await createJiraConnection(api, ORG_B);
    api.jira.simulator.faults.failNext('rate-limit');
    const synced = await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: tokenFor(ORG_B) });
    expect(synced.status, synced.text).to.equal(200);
    const text = (await api.http.call('GET', '/metrics')).text;
    expect(sample(text, 'taskport_sync_runs_total', 'provider="jira",outcome="succeeded"')).to.equal('1');
    expect(sample(text, 'taskport_sync_run_items_sum', 'provider="jira"')).to.equal(String(api.jira.issueCount));
    expect(sample(text, 'taskport_sync_run_duration_seconds_count', 'provider="jira",outcome="succeeded"')).to.equal('1');
    expect(sample(text, 'taskport_source_rate_limited_total', 'provider="jira"')).to.equal('1');
    expect(sample(text, 'taskport_source_request_duration_seconds_count', 'provider="jira",status="429"')).to.equal('1');
    expect(Number(sample(text, 'taskport_source_request_duration_seconds_count', 'provider="jira",status="2xx"'))).to.be.greaterThan(1);
    // Every run ended and every event was published: nothing waits.
    await api.events.drain();
    const after = (await api.http.call('GET', '/metrics')).text;
    expect(['taskport_sync_queue_depth', 'taskport_sync_runs_running', 'taskport_outbox_pending_events', 'taskport_outbox_lag_seconds'].map((name) => after.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1])).to.deep.equal(['0', '0', '0', '0']);
  });

  it('asks for the metrics token when one is configured', async () => {
    const app = createApiApp({ useCases: {} as ApiUseCases, ready: async () => true, logger: createLogger('silent'), jwt: { kind: 'hs256', secret: 'x'.repeat(32) }, metricsToken: 'scrape-me' });
    const server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    try {
      const statuses = await Promise.all([
        fetch(url).then((r) => r.status),
        fetch(url, { headers: { authorization: 'Bearer wrong' } }).then((r) => r.status),
        fetch(url, { headers: { authorization: 'Bearer scrape-me' } }).then((r) => r.status),
      ]);
      expect(statuses).to.deep.equal([401, 401, 200]);
    } finally {
      server.close();
    }
  });
});
