import { expect } from 'chai';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRawBody } from '../../adapters/http/middleware/raw-body.js';

/** The bytes a server read with `readRawBody`, for a body the client writes in `parts`. */
describe('readRawBody', () => {
  let server: Server;
  let port: number;
  before(async () => {
    server = createServer((req, res) => {
      void readRawBody(req, 1 << 20).then((body) => res.end(`${body.length}:${body.toString('base64')}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (parts: ReadonlyArray<Buffer>) =>
    new Promise<string>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString())).once('end', () => resolve(text));
      });
      req.once('error', reject);
      // Each part written on a turn of its own, so the server sees several reads.
      const next = (i: number) => (i === parts.length ? req.end() : req.write(parts[i], () => setTimeout(() => next(i + 1), 5)));
      next(0);
    });

  it('hands back the exact bytes of a body that came in one read or in many', async () => {
    const whole = Buffer.from(Array.from({ length: 5_000 }, (_, i) => (i * 7) % 256));
    const oneRead = await send([whole]);
    const manyReads = await send([whole.subarray(0, 10), whole.subarray(10, 3_000), whole.subarray(3_000)]);
    expect(oneRead).to.equal(`5000:${whole.toString('base64')}`);
    expect(manyReads).to.equal(oneRead);
    expect(await send([])).to.equal('0:');
  });
});
