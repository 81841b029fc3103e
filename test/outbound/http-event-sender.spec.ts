import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { ResolveAll } from '../../adapters/net/index.js';
import { httpEventSender } from '../../adapters/outbound/http-event-sender.js';
import { signatureHeader } from '../../adapters/outbound/event-signature.js';
import { verifySignature } from '../http/support/event-receiver.js';

const resolvingTo =
  (address: string): ResolveAll =>
  (_hostname, _options, callback) =>
    callback(null, [{ address, family: 4 }]);

const AT = new Date('2026-01-01T12:00:00.000Z');

describe('httpEventSender', () => {
  it('POSTs the body as given with the event headers and a signature per secret', async () => {
    let seen: { headers: IncomingHttpHeaders; body: string } | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sender = httpEventSender({ allowPrivateNetwork: true });
    try {
      const body = '{"id":"e-1","data":{"title":"Ünïcode ✓"}}';
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
      const result = await sender.send({ url, body, eventId: 'e-1', eventType: 'external_task.created', secrets: ['whsec_new', 'whsec_old'], at: AT })();
      expect(result).to.deep.equal({ statusCode: 202, error: null });
      expect(seen!.body).to.equal(body);
      expect(seen!.headers).to.include({ 'taskport-event-id': 'e-1', 'taskport-event-type': 'external_task.created', 'content-type': 'application/json' });
      const signature = String(seen!.headers['taskport-signature']);
      expect(signature).to.equal(signatureHeader(['whsec_new', 'whsec_old'], AT, body));
      expect(signature.split(',').map((part) => part.split('=')[0])).to.deep.equal(['t', 'v1', 'v1']);
      for (const secret of ['whsec_new', 'whsec_old']) expect(verifySignature(signature, body, secret, AT.getTime() / 1000)).to.equal(true);
      expect(verifySignature(signature, body, 'whsec_new', AT.getTime() / 1000 + 600)).to.equal(false);
    } finally {
      sender.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses, without connecting, a host name that resolves to a private address', async () => {
    const sender = httpEventSender({ allowPrivateNetwork: false, resolve: resolvingTo('10.20.30.40') });
    const result = await sender.send({ url: 'https://hooks.product.test/in', body: '{}', eventId: 'e-2', eventType: 'write.failed', secrets: ['s'], at: AT })();
    sender.close();
    expect(result.statusCode).to.equal(null);
    expect(result.error).to.contain('taskport does not connect to hooks.product.test');
  });

  it('counts a receiver that does not answer in time as a failed attempt', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sender = httpEventSender({ allowPrivateNetwork: true, timeoutMs: 100 });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
      const result = await sender.send({ url, body: '{}', eventId: 'e-3', eventType: 'write.failed', secrets: ['s'], at: AT })();
      expect(result.statusCode).to.equal(null);
      expect(result.error).to.match(/did not answer within/);
    } finally {
      sender.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
