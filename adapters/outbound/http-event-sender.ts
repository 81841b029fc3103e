import * as E from 'fp-ts/lib/Either.js';
import type { EventSender, SendResult } from '../../core/index.js';
import { createHttpClient, describeNetFailure, type ResolveAll, type WarnLogger } from '../net/index.js';
import { signatureHeader } from './event-signature.js';

export interface HttpEventSenderOptions {
  /** TASKPORT_ALLOW_PRIVATE_NETWORK, as for trackers: loopback and private addresses only in development. */
  readonly allowPrivateNetwork: boolean;
  readonly logger?: WarnLogger;
  /** Per attempt, the answer included (10 s by default); a slower receiver counts as failed. */
  readonly timeoutMs?: number;
  /** DNS resolution, replaceable in tests; the guard runs on whatever it answers. */
  readonly resolve?: ResolveAll;
}

const target = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/**
 * POSTs events through the same HTTP client as the trackers' adapters: the SSRF guard on the address
 * really connected to (so a name that resolves to a private address is refused), a timeout, and no
 * redirect followed. One attempt per call: retrying is the deliverer's, over a day.
 */
export const httpEventSender = (options: HttpEventSenderOptions): EventSender & { readonly close: () => void } => {
  const client = createHttpClient({
    allowPrivateNetwork: options.allowPrivateNetwork,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.resolve === undefined ? {} : { resolve: options.resolve }),
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBodyBytes: 1024 * 1024,
    // A pass's deliveries to one host, side by side (see EventDeliveryOptions.deliveryBatchSize).
    maxConcurrentPerConnection: 8,
    retry: { maxAttempts: 1 },
  });
  return {
    send: (post) => async (): Promise<SendResult> => {
      const url = target(post.url);
      if (url === null) return { statusCode: null, error: 'the endpoint URL is not a URL' };
      const outcome = await client.send(
        {
          method: 'POST',
          url,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'taskport-webhooks/1',
            'taskport-event-id': post.eventId,
            'taskport-event-type': post.eventType,
            'taskport-signature': signatureHeader(post.secrets, post.at, post.body),
          },
          body: post.body,
        },
        { connectionKey: `event-endpoint:${url.host}`, idempotent: false, maxAttempts: 1 },
      );
      return E.isLeft(outcome) ? { statusCode: null, error: describeNetFailure(outcome.left) } : { statusCode: outcome.right.status, error: null };
    },
    close: client.close,
  };
};
