import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { stopServing } from '../../apps/api/stop-serving.js';

describe('stopServing: how long a shutdown waits for requests in flight', () => {
  const capture = () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    return { lines, logger: createLogger('info', sink) };
  };

  /** A server whose requests wait until `release()`; it counts them like the API does. */
  const holdingServer = async () => {
    let inFlight = 0;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const server = createServer((_request, response) => {
      inFlight += 1;
      response.once('close', () => (inFlight -= 1));
      arrived();
      void released.then(() => response.end('done'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, inFlight: () => inFlight, arrival, release };
  };

  it('lets a request in flight finish within the timeout', async () => {
    const { lines, logger } = capture();
    const held = await holdingServer();
    const answer = fetch(held.url).then((r) => r.text());
    await held.arrival;
    const stopped = stopServing(held.server, held.inFlight, 60_000, logger);
    held.release();
    await stopped;
    expect([await answer, lines]).to.deep.equal(['done', []]);
  });

  it('cuts off what is still in flight when the timeout passes, says how many, and stops', async () => {
    const { lines, logger } = capture();
    const held = await holdingServer();
    const answer = fetch(held.url).then((r) => r.text(), () => 'cut off');
    await held.arrival;
    await stopServing(held.server, held.inFlight, 50, logger);
    expect(await answer).to.equal('cut off');
    expect(JSON.parse(lines[0]!)).to.include({ level: 40, requestsInFlight: 1, msg: 'shutting down: requests still in flight after 0.05 s are cut off' });
    held.release();
  });
});
