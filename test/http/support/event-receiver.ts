import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly eventId: string;
  /** What the receiver answered. */
  readonly status: number;
}

/** How the receiver answers a delivery; 200 by default. */
export type Answer = (delivery: Omit<ReceivedDelivery, 'status'>, index: number) => number | Promise<number>;

/** A product's webhook receiver on 127.0.0.1: keeps every delivery it gets, in arrival order. */
export const startEventReceiver = async (answer: Answer = () => 200) => {
  const received: ReceivedDelivery[] = [];
  let answering = answer;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivery = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), eventId: String(request.headers['taskport-event-id']) };
      void Promise.resolve(answering(delivery, received.length)).then((status) => {
        received.push({ ...delivery, status });
        response.writeHead(status).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/taskport`,
    received,
    answerWith: (next: Answer) => {
      answering = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export type EventReceiver = Awaited<ReturnType<typeof startEventReceiver>>;

/**
 * The reference verification a product would write (the README's snippet): the header's timestamp
 * must be recent, and one of its `v1` values the HMAC-SHA256 of "<t>.<raw body>" with the secret.
 */
export const verifySignature = (header: string, rawBody: string, secret: string, nowSeconds: number, toleranceSeconds = 300): boolean => {
  const parts = header.split(',').map((part) => part.split('=') as [string, string]);
  const t = parts.find(([key]) => key === 't')?.[1];
  if (t === undefined || Math.abs(nowSeconds - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return parts.some(([key, value]) => key === 'v1' && value.length === expected.length * 2 && timingSafeEqual(Buffer.from(value, 'hex'), expected));
};
