import { expect } from 'chai';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

/** Short timeouts, so closing is seen in a second; what counts is that it happens at all. */
const TIMEOUTS = { headersMs: 300, requestMs: 600, keepAliveMs: 200, idleSocketMs: 400 };

/** Opens a raw connection, sends `bytes` (maybe nothing), and resolves with what came back once the server closed it. */
const sendAndWaitForClose = async (url: string, bytes: string): Promise<string> => {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  if (bytes !== '') socket.write(bytes);
  await once(socket, 'close');
  return received;
};

const statusLine = (received: string) => received.split('\r\n')[0];

describe('HTTP: connections that send too little are closed', () => {
  let api: TestApi;
  let connectionId: string;
  before(async () => {
    // Every page of the tracker takes longer than any of the timeouts.
    api = await startTestApi({ httpTimeouts: TIMEOUTS, latencyMs: 1_000 });
    connectionId = await createJiraConnection(api, ORG_A);
  });
  after(() => api.close());

  it('closes a connection that never sends a byte', async () => {
    expect(await sendAndWaitForClose(api.url, '')).not.to.contain('200 OK');
  });

  it('answers 408 and closes a connection whose headers stop half way', async () => {
    expect(statusLine(await sendAndWaitForClose(api.url, 'GET /healthz HTTP/1.1\r\nHost: taskport\r\n'))).to.equal('HTTP/1.1 408 Request Timeout');
  });

  it('answers 408 and closes a connection whose body stops half way', async () => {
    const head = `POST /api/integrations HTTP/1.1\r\nHost: taskport\r\nAuthorization: Bearer ${tokenFor(ORG_A)}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`;
    expect(statusLine(await sendAndWaitForClose(api.url, `${head}{"name":`))).to.equal('HTTP/1.1 408 Request Timeout');
  });

  it('closes a kept-alive connection that asks nothing more after its answer', async () => {
    const received = await sendAndWaitForClose(api.url, 'GET /healthz HTTP/1.1\r\nHost: taskport\r\n\r\n');
    expect(statusLine(received)).to.equal('HTTP/1.1 200 OK');
    expect(received).to.contain('"status":"ok"');
  });

  it('keeps a connection whose answer takes longer than every timeout, and answers it', async () => {
    const response = await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: tokenFor(ORG_A) });
    expect(response.status, response.text).to.equal(200);
    expect(response.json.data.status).to.equal('succeeded');
  });
});

describe('HTTP: the idle-socket timeout on its own', () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ httpTimeouts: { headersMs: 10_000, requestMs: 10_000, idleSocketMs: 300 } });
  });
  after(() => api.close());

  it('closes a connection that never sends a byte long before the headers are due', async () => {
    expect(await sendAndWaitForClose(api.url, '')).to.equal('');
  });
});
