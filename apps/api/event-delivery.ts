import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { Logger } from 'pino';
import { persistenceFailure, type EventHandler, type PublishedEvent, type UseCases } from '../../core/index.js';
import { startPassLoop, type PassLoop } from './pass-loop.js';

export interface EventDeliveryOptions {
  /** Events published and events handed to a subscriber per pass (100 by default). */
  readonly batchSize?: number;
  /**
   * Deliveries claimed (and sent side by side) per pass, 16 by default: with 8 at a time per host and
   * 10 s per attempt at most, a pass ends well within the 60 s lease, so no other process sends them too.
   */
  readonly deliveryBatchSize?: number;
  /** How often idle loops look for work of other processes and retries coming due (1 s by default). */
  readonly pollMs?: number;
  /** How long published events and finished deliveries are kept (7 days by default). */
  readonly retentionMs?: number;
  /** How often the retention trim runs (hourly by default). */
  readonly trimEveryMs?: number;
  /** How long a subscription stays leased to this process without a pass (30 s by default). */
  readonly subscriptionLeaseMs?: number;
}

export interface SubscribeOptions {
  /**
   * The subscription's name: its position is kept under it, and processes registering the same name
   * share its events (one at a time) instead of each getting them. `default` by default.
   */
  readonly name?: string;
}

/** What the host of an embedded taskport registers: a handler of every organization's events, in feed order. */
export type OnEvent = (handler: (event: PublishedEvent) => Promise<void> | void, options?: SubscribeOptions) => () => Promise<void>;

export interface EventDelivery {
  /** Something was committed with outbox events in this process: publish now. */
  readonly wake: () => void;
  readonly onEvent: OnEvent;
  /** Resolves once everything committed so far was published, and every delivery and subscription found nothing due. */
  readonly drain: () => Promise<void>;
  readonly close: () => Promise<void>;
}

type EventUseCases = Pick<UseCases, 'publishEvents' | 'deliverEvents' | 'trimEvents' | 'feedSubscriber'>;

const failure = (what: string) => (error: unknown) => E.left(persistenceFailure(`${what} threw: ${String(error)}`));

/**
 * Everything that takes events from the outbox to the product, in the background of a process: the
 * publisher (positions, deliveries), the deliverer (signed POSTs, retries), the retention trim, and
 * one loop per in-process subscription. Any number of processes can run it on one database.
 */
export const startEventDelivery = (useCases: EventUseCases, logger: Logger, options: EventDeliveryOptions = {}): EventDelivery => {
  const batchSize = options.batchSize ?? 100;
  const deliveryBatchSize = options.deliveryBatchSize ?? 16;
  const pollMs = options.pollMs ?? 1_000;
  const retentionMs = options.retentionMs ?? 7 * 24 * 3_600_000;
  const trimEveryMs = options.trimEveryMs ?? 3_600_000;
  const subscriptions = new Set<PassLoop>();
  // One holder per process and name: a handler registered again here takes its lease back at once.
  const processId = randomUUID();
  let lastTrim = 0;

  const deliverer = startPassLoop({
    pollMs,
    pass: async () => {
      const result = await useCases.deliverEvents(deliveryBatchSize)().catch(failure('Delivering events'));
      if (E.isLeft(result)) logger.warn({ err: { message: result.left.message } }, 'event deliveries kept for the next pass');
      return E.isRight(result) && result.right.claimed > 0;
    },
  });
  const trimNow = async () => {
    if (Date.now() - lastTrim < trimEveryMs) return;
    lastTrim = Date.now();
    const trimmed = await useCases.trimEvents(retentionMs)().catch(failure('Trimming events'));
    if (E.isLeft(trimmed)) logger.warn({ err: { message: trimmed.left.message } }, 'event retention trim failed');
  };
  const publisher = startPassLoop({
    pollMs,
    pass: async () => {
      await trimNow();
      const result = await useCases.publishEvents(batchSize)().catch(failure('Publishing events'));
      if (E.isLeft(result)) logger.warn({ err: { message: result.left.message } }, 'outbox events kept for the next pass');
      const published = E.isRight(result) ? result.right.length : 0;
      if (published > 0) [deliverer, ...subscriptions].forEach((loop) => loop.wake());
      return published === batchSize;
    },
  });

  const onEvent: OnEvent = (handler, subscribe = {}) => {
    const name = subscribe.name ?? 'default';
    const subscription = { name, holder: `${processId}:${name}`, leaseMs: options.subscriptionLeaseMs ?? 30_000 };
    const handle: EventHandler = async (event) => handler(event);
    const loop = startPassLoop({
      pollMs,
      pass: async () => {
        const result = await useCases.feedSubscriber(subscription, handle, batchSize)().catch(failure('Handing events to a subscriber'));
        if (E.isLeft(result)) logger.warn({ err: { message: result.left.message }, subscription: subscription.name }, 'event subscription kept for the next pass');
        return E.isRight(result) && result.right.leased && !result.right.stopped && result.right.handled === batchSize;
      },
    });
    subscriptions.add(loop);
    return async () => {
      subscriptions.delete(loop);
      await loop.close();
    };
  };

  return {
    wake: publisher.wake,
    onEvent,
    drain: async () => {
      await publisher.drain();
      await Promise.all([deliverer.drain(), ...[...subscriptions].map((loop) => loop.drain())]);
    },
    close: async () => {
      await Promise.all([publisher.close(), deliverer.close(), ...[...subscriptions].map((loop) => loop.close())]);
      subscriptions.clear();
    },
  };
};
