import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback proxy in front of a server that counts requests as they arrive (a log written on answer cannot). */
export const countingProxy = async (target: string) => {
  let arrived = 0;
  const exchanges: Array<{ readonly path: string; readonly arrivedAt: number; status: number | null; answeredAt: number | null }> = [];
  const server = http.createServer((request, response) => {
    arrived += 1;
    const exchange = { path: request.url ?? '/', arrivedAt: Date.now(), status: null as number | null, answeredAt: null as number | null };
    exchanges.push(exchange);
    const upstream = http.request(`${target}${request.url ?? '/'}`, { method: request.method, headers: request.headers }, (answer) => {
      Object.assign(exchange, { status: answer.statusCode ?? null, answeredAt: Date.now() });
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived: () => arrived,
    /** Every request in order of arrival, with when it arrived and how it was answered. */
    exchanges: () => [...exchanges],
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
};
