import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { webhookEndpoint } from '../../adapters/http/webhook-endpoint.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { createMetrics } from '../../adapters/metrics/metrics.js';
import {
  persistenceFailure,
  providerNotFound,
  webhookPayloadInvalid,
  webhookSignatureInvalid,
  type ReceiveWebhookCommand,
  type ReceiveWebhookError,
  type WebhookReceipt,
} from '../../core/index.js';

const CONNECTION = '5A5A5A5A-0000-4000-8000-00000000000A';
const FALLBACK = 418;

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly requestId?: string;
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  readonly ms?: number;
}

/** The endpoint alone on a server whose every other request is answered 418, with the use case's answer chosen per test. */
describe('the webhook endpoint answered before Koa', () => {
  let server: Server;
  let url: string;
  const lines: LogLine[] = [];
  const received: ReceiveWebhookCommand[] = [];
  const metrics = createMetrics();
  let answer: () => TE.TaskEither<ReceiveWebhookError, WebhookReceipt> = () => TE.right({ deliveryId: 'd-1', outcome: 'accepted' });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });

  before(async () => {
    const endpoint = webhookEndpoint({
      receive: (command) => (received.push(command), answer()),
      logger: createLogger('debug', sink),
      metrics,
      bodyLimit: 1_000,
    });
    server = createServer((req, res) => {
      if (endpoint(req, res)) return;
      res.statusCode = FALLBACK;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    lines.length = 0;
    metrics.registry.resetMetrics();
    answer = () => TE.right({ deliveryId: 'd-1', outcome: 'accepted' });
  });

  const post = (path: string, body = '{"a":1}', headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature': 'sha256=ab', ...headers } });
  const requestLine = async (requestId: string) => {
    while (!lines.some((line) => line.msg === 'request' && line.requestId === requestId)) await new Promise((resolve) => setTimeout(resolve, 5));
    return lines.find((line) => line.msg === 'request' && line.requestId === requestId)!;
  };

  it('hands the use case the raw bytes, the headers, the provider and the connection id as the Koa route does', async () => {
    const response = await post(`/api/webhooks/jira/${CONNECTION}?ignored=1`, '{"webhookEvent":"x"}', { 'x-request-id': 'req-given.1' });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/json; charset=utf-8');
    expect(response.headers.get('x-request-id')).to.equal('req-given.1');
    expect(await response.json()).to.deep.equal({ data: { deliveryId: 'd-1', outcome: 'accepted' } });
    expect(received).to.have.length(1);
    const [command] = received;
    expect(command!.provider).to.equal('jira');
    expect(command!.connectionId).to.equal(CONNECTION.toLowerCase());
    expect(Buffer.from(command!.rawBody).toString()).to.equal('{"webhookEvent":"x"}');
    expect(command!.headers['x-hub-signature']).to.equal('sha256=ab');
    const line = await requestLine('req-given.1');
    expect(line).to.include({ level: 30, method: 'POST', path: `/api/webhooks/jira/${CONNECTION}`, status: 200 });
    expect(line.ms).to.be.a('number');
  });

  it('leaves every other form of request to the next handler, untouched', async () => {
    const others = [
      fetch(`${url}/api/webhooks/jira/${CONNECTION}`),
      post(`/api/webhooks/jira/${CONNECTION}/`),
      post(`/api/webhooks/Jira/${CONNECTION}`),
      post(`/api/webhooks/jira/%35a5a`),
      post(`/api/webhooks/jira`),
      post(`/api/integrations`),
      post(`/api/webhooks/jira/${CONNECTION}/extra`),
    ];
    expect((await Promise.all(others)).map((response) => response.status)).to.deep.equal(others.map(() => FALLBACK));
    expect(received).to.deep.equal([]);
  });

  it('answers refusals with the error table, and the request id in the body', async () => {
    const cases: ReadonlyArray<[ReceiveWebhookError, number, string]> = [
      [webhookSignatureInvalid(), 401, 'webhook/invalid-signature'],
      [providerNotFound('nosuch'), 404, 'provider/not-found'],
      [webhookPayloadInvalid('not JSON'), 400, 'webhook/invalid-payload'],
      [persistenceFailure('the database is down'), 503, 'internal/database-unavailable'],
    ];
    for (const [error, status, code] of cases) {
      answer = () => TE.left(error);
      const response = await post(`/api/webhooks/jira/${CONNECTION}`);
      const body = (await response.json()) as { error: { code: string; requestId: string } };
      expect([response.status, body.error.code]).to.deep.equal([status, code]);
      expect(body.error.requestId).to.equal(response.headers.get('x-request-id'));
    }
    // The server's own failure is logged with its reason, and answered without it.
    expect(lines.find((line) => line.msg === 'request failed')?.level).to.equal(50);
    expect(lines.filter((line) => line.msg === 'request').map((line) => line.status)).to.deep.equal([401, 404, 400, 503]);
  });

  it('answers a body over the limit 413 and closes the connection, without calling the use case', async () => {
    const response = await post(`/api/webhooks/jira/${CONNECTION}`, 'x'.repeat(1_001));
    expect(response.status).to.equal(413);
    expect(response.headers.get('connection')).to.equal('close');
    expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('webhook/body-too-large');
    expect(received).to.deep.equal([]);
  });

  it('answers a use case that throws with the bare 500, logged in full', async () => {
    answer = () => () => Promise.reject(new Error('a bug'));
    const response = await post(`/api/webhooks/jira/${CONNECTION}`);
    const body = (await response.json()) as { error: { code: string } };
    expect([response.status, body.error.code]).to.deep.equal([500, 'internal/unexpected']);
    await requestLine(response.headers.get('x-request-id') ?? '');
    expect(lines.some((line) => line.msg === 'unexpected error' && line.level === 50 && line.requestId === response.headers.get('x-request-id'))).to.equal(true);
  });

  it('counts deliveries by provider and outcome, and times them under the route template', async () => {
    await post(`/api/webhooks/jira/${CONNECTION}`);
    answer = () => TE.left(webhookSignatureInvalid());
    await post(`/api/webhooks/servicenow/${CONNECTION}`);
    answer = () => TE.left(providerNotFound('nosuch'));
    await post(`/api/webhooks/nosuch/${CONNECTION}`);
    const text = await metrics.registry.metrics();
    expect(text).to.match(/taskport_webhook_deliveries_total\{provider="jira",outcome="accepted"\} 1/);
    expect(text).to.match(/taskport_webhook_deliveries_total\{provider="servicenow",outcome="refused"\} 1/);
    expect(text).to.match(/taskport_webhook_deliveries_total\{provider="unknown",outcome="refused"\} 1/);
    expect(text).not.to.include('provider="nosuch"');
    expect(text).to.match(/taskport_http_request_duration_seconds_count\{method="POST",route="\/api\/webhooks\/:provider\/:connectionId",status="401"\} 1/);
  });
});
