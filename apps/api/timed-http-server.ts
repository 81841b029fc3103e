import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long a connection may take at each stage; none is unbounded, so idle sockets cannot pile up. */
export interface HttpTimeouts {
  /** From the connection (or the previous answer) until the request head is complete: slow or absent headers. */
  readonly headersMs: number;
  /** Until the whole request, body included, has arrived: slow bodies. Answering may take longer. */
  readonly requestMs: number;
  /** How long a connection waits for its next request after an answer (Node adds a second to this). */
  readonly keepAliveMs: number;
  /** A connection without a request in progress that sends nothing for this long is closed. */
  readonly idleSocketMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 20_000, requestMs: 60_000, keepAliveMs: 5_000, idleSocketMs: 30_000 };

/**
 * Counts the server's requests from arrival until their response is done (or the socket closes),
 * in all and per socket, so the idle timeout spares a socket whose answer is still being worked on.
 */
const countRequestsInFlight = (server: Server) => {
  let inFlight = 0;
  const perSocket = new WeakMap<Socket, number>();
  server.on('request', (request: { socket: Socket }, response: ServerResponse) => {
    const { socket } = request;
    inFlight += 1;
    perSocket.set(socket, (perSocket.get(socket) ?? 0) + 1);
    response.once('close', () => {
      inFlight -= 1;
      perSocket.set(socket, (perSocket.get(socket) ?? 1) - 1);
    });
  });
  return { total: () => inFlight, on: (socket: Socket) => perSocket.get(socket) ?? 0 };
};

/**
 * The HTTP server of the API with every timeout set. A sync-now can take minutes without a byte on
 * its socket, so only a socket with no request in progress counts as idle. `requestsInFlight` is
 * the number of requests being answered, in all.
 */
export const createTimedServer = (listener: RequestListener, timeouts: HttpTimeouts) => {
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // Node checks the two above every 30 s by default, which lets a slow client overstay by as much.
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(timeouts.headersMs / 4))),
    },
    listener,
  );
  const requestsInFlight = countRequestsInFlight(server);
  server.keepAliveTimeout = timeouts.keepAliveMs;
  server.timeout = timeouts.idleSocketMs;
  server.on('timeout', (socket: Socket) => {
    if (requestsInFlight.on(socket) === 0) socket.destroy();
  });
  return { server, requestsInFlight: requestsInFlight.total };
};
