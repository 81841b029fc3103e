import { expect } from 'chai';
import { connect } from 'node:net';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

// Larger than the socket buffers of a loopback connection, so the body cannot all sit in them unread.
const LIMIT = 4 * 1024 * 1024;
const TRIES = 20;

/**
 * The client of the race: it writes the whole body and only then reads. Were the connection closed
 * while it writes, the answer would be lost with the reset; this resolves to the status it read.
 */
const writeWholeThenRead = (url: string, path: string, body: Buffer, token = tokenFor(ORG_A)) =>
  new Promise<string>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.pause();
    let received = '';
    let failure = '';
    socket.on('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.write(body, () => socket.resume());
    });
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => (failure ||= error.code ?? error.message));
    socket.on('close', () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? `nothing read (${failure})`));
  });

/** Declares `declared` bytes and keeps writing until the server closes the connection. */
const sendEndlessly = (url: string, path: string, declared: number, token = tokenFor(ORG_A)) =>
  new Promise<{ written: number }>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    const pump = () => {
      while (!socket.destroyed && written < declared) {
        written += chunk.length;
        if (!socket.write(chunk)) return socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`);
      pump();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ written }));
  });

describe('HTTP: bodies over the limit', () => {
  let api: TestApi;
  let connectionId: string;
  const tooLarge = Buffer.from(JSON.stringify({ padding: 'x'.repeat(3 * LIMIT) }));
  const everyTime = (status: string) => Array.from({ length: TRIES }, () => status);
  before(async () => {
    api = await startTestApi({ bodyLimit: LIMIT, webhookBodyLimit: LIMIT });
    connectionId = await createJiraConnection(api, ORG_A, 'whsec-oversized');
  });
  after(() => api.close());

  for (const route of ['the JSON API', 'the webhook route']) {
    it(`answers 413 to a client that writes the whole body before reading, every time, on ${route}`, async () => {
      const path = route === 'the JSON API' ? '/api/integrations' : `/api/webhooks/jira/${connectionId}`;
      const outcomes = [];
      for (let i = 0; i < TRIES; i++) outcomes.push(await writeWholeThenRead(api.url, path, tooLarge));
      expect(outcomes).to.deep.equal(everyTime('413'));
    });
  }

  it("answers Node's fetch, which also sends before it reads, with the 413 and its code", async () => {
    const response = await fetch(`${api.url}/api/webhooks/jira/${connectionId}`, { method: 'POST', body: tooLarge, headers: { 'content-type': 'application/json' } });
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).to.deep.equal([413, 'webhook/body-too-large']);
  });

  it('closes the connection of a body far beyond the limit instead of reading it all', async () => {
    const declared = 1024 * LIMIT;
    for (const path of ['/api/integrations', `/api/webhooks/jira/${connectionId}`]) {
      const { written } = await sendEndlessly(api.url, path, declared);
      expect(written, path).to.be.below(declared);
    }
  });
});
