import { expect } from 'chai';
import { once } from 'node:events';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import sinon from 'sinon';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly path?: string;
}

const DEBUG = 20;
const ERROR = 50;

/** Announces a body of 1,000 bytes, sends ten, and goes away. */
const abandonUpload = async (url: string, path: string) => {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${tokenFor(ORG_A)}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"`,
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.destroy();
};

describe('HTTP: a client that abandons its upload', () => {
  let api: TestApi;
  let connectionId: string;
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  // Koa prints the errors it is not told where to send; none may end up there.
  let stderr: sinon.SinonSpy;
  before(async () => {
    api = await startTestApi({ logger: createLogger('debug', sink) });
    connectionId = await createJiraConnection(api, ORG_A, 'whsec-abandoned');
    stderr = sinon.spy(console, 'error');
  });
  after(async () => {
    stderr.restore();
    await api.close();
  });

  /** Each request ends with its one `request` line, written once the request is over. */
  const linesOfRequestTo = async (path: string) => {
    const start = lines.length;
    await abandonUpload(api.url, path);
    while (!lines.slice(start).some((line) => line.msg === 'request' && line.path === path)) await new Promise((resolve) => setTimeout(resolve, 10));
    return lines.slice(start);
  };

  for (const route of ['the JSON API', 'the webhook route']) {
    it(`is logged at debug as an abandoned upload, not as an unexpected error, on ${route}`, async () => {
      const path = route === 'the JSON API' ? '/api/integrations' : `/api/webhooks/jira/${connectionId}`;
      const logged = await linesOfRequestTo(path);
      expect(logged.filter((line) => line.level >= ERROR).map((line) => line.msg)).to.deep.equal([]);
      expect(logged.filter((line) => line.level === DEBUG).map((line) => line.msg)).to.include('client abandoned the request before sending its whole body');
      expect(stderr.called, 'printed to stderr').to.equal(false);
    });
  }
});
