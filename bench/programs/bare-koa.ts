/** Scenario 6, the reference: a Koa endpoint that does nothing, on the same kind of server as the API. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { reply } from '../support/child.js';

export interface BareReady {
  readonly url: string;
}

const app = new Koa();
app.use((ctx) => {
  ctx.status = 200;
  ctx.body = { ok: true };
});
const server = createServer(app.callback());
server.keepAliveTimeout = 5_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
// A bench that died leaves no server behind: the IPC channel closes with it.
process.once('disconnect', () => process.exit(0));
await reply<BareReady>('ready', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
