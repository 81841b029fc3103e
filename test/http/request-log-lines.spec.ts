import { expect } from 'chai';
import { once } from 'node:events';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

interface LogLine {
  readonly msg: string;
  readonly requestId?: string;
  readonly path?: string;
  readonly status?: number;
}

describe('HTTP: the request log', () => {
  let api: TestApi;
  let connectionId: string;
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  before(async () => {
    api = await startTestApi({ logger: createLogger('debug', sink) });
    connectionId = await createJiraConnection(api, ORG_A, 'whsec-request-log');
  });
  after(() => api.close());

  const linesOf = async (requestId: string) => {
    while (!lines.some((line) => line.msg === 'request' && line.requestId === requestId)) await new Promise((resolve) => setTimeout(resolve, 10));
    return lines.filter((line) => line.requestId === requestId);
  };

  it('ends every request with one line carrying its request id, also when nothing else was logged', async () => {
    const answer = await fetch(`${api.url}/api/integrations`, { headers: { authorization: `Bearer ${tokenFor(ORG_A)}` } });
    const requestId = answer.headers.get('x-request-id') ?? '';
    expect(requestId).to.match(/^[0-9a-f-]{36}$/);
    const logged = await linesOf(requestId);
    expect(logged).to.have.length(1);
    expect(logged[0]).to.deep.include({ msg: 'request', path: '/api/integrations', status: 200 });
  });

  it("stamps the request's id on what the request logs and on its last line", async () => {
    const { hostname, port } = new URL(api.url);
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    // A body announced and never sent in full: the route logs that the client went away.
    socket.write(`POST /api/webhooks/jira/${connectionId} HTTP/1.1\r\nHost: ${hostname}\r\nX-Request-Id: abandoned-upload-1\r\nContent-Length: 1000\r\n\r\n{"webhookEvent"`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const logged = (await linesOf('abandoned-upload-1')).map((line) => line.msg);
    expect(logged).to.include.members(['client abandoned the request before sending its whole body', 'request']);
    expect(logged.filter((msg) => msg === 'request')).to.have.length(1);
  });
});
