import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiUseCases } from '../../adapters/http/api-use-cases.js';
import { createApiApp } from '../../adapters/http/create-api-app.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { jiraIssueWebhook, signedDelivery } from '../builders/jira-webhook-builder.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection, postWebhook } from './support/webhook-client.js';

const SECRET = 'whsec-metrics';

/** The value of one sample line of the Prometheus text, or undefined when absent. */
const sample = (text: string, name: string, labels: string) =>
  text.split('\n').find((line) => line.startsWith(`${name}{`) && line.includes(labels))?.split(' ').at(-1);

describe('HTTP GET /metrics', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  before(async () => (api = await startTestApi()));
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
