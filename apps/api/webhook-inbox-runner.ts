import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Logger } from 'pino';
import { persistenceFailure, type InboxPassCounts, type PersistenceFailure } from '../../core/index.js';

export interface WebhookInboxRunnerOptions {
  /** One pass of `processWebhookInbox`. */
  readonly process: (limit: number) => TE.TaskEither<PersistenceFailure, InboxPassCounts>;
  readonly logger: Logger;
  /** Deliveries claimed per pass (64 by default: one group commit's worth). */
  readonly batchSize?: number;
  /** How often an idle runner looks for deliveries recorded by other processes or left by a crash (1 s by default). */
  readonly pollMs?: number;
  /**
   * True while the process is busy answering (a burst of requests): passes wait for it to pass, so
   * applying does not take the CPU from answers, but never longer than `maxDeferMs` between passes.
   */
  readonly busy?: () => boolean;
  /** Longest a pass waits for `busy` to clear (250 ms by default); a pass that stops waiting claims `busyBatchSize`. */
  readonly maxDeferMs?: number;
  /** Deliveries claimed per pass while still busy (8 by default): short passes keep answers' latency low. */
  readonly busyBatchSize?: number;
}

export interface WebhookInboxRunner {
  /** Something was just recorded in this process: start a pass now if none is running. */
  readonly wake: () => void;
  /** Resolves once a pass that started after this call found nothing left to claim (or failed). */
  readonly drain: () => Promise<void>;
  /** Resolves when the runner is waiting with nothing to do. */
  readonly idle: () => Promise<void>;
  /** Drains what is left, then stops. */
  readonly close: () => Promise<void>;
}

const BUSY_CHECK_MS = 5;

/** Failed tries are retried (info: they usually pass); a dead letter is said once, at warn, with its reason. */
const logPass = (logger: Logger, counts: InboxPassCounts) => {
  const { deadLettered, ...numbers } = counts;
  if (counts.failed > 0) logger.info({ counts: { ...numbers, deadLettered: deadLettered.length } }, 'some webhook deliveries failed and will be tried again');
  for (const letter of deadLettered) {
    const { id, ...fields } = letter;
    logger.warn({ ...fields, inboxId: id }, 'webhook delivery dead-lettered after its last try; replay it once the cause is fixed');
  }
};

/**
 * Applies recorded webhook deliveries in the background of the API process: pass after pass while
 * passes find work, woken at once when this process records a delivery, and otherwise every
 * `pollMs`. While `busy`, a pass waits (bounded by `maxDeferMs`) so answering comes first. A failed pass (the database down) is logged and retried after `pollMs`; its deliveries
 * stay in the inbox.
 */
export const startWebhookInboxRunner = (options: WebhookInboxRunnerOptions): WebhookInboxRunner => {
  const batchSize = options.batchSize ?? 64;
  const pollMs = options.pollMs ?? 1_000;
  const busy = options.busy ?? (() => false);
  const maxDeferMs = options.maxDeferMs ?? 250;
  const busyBatchSize = Math.min(batchSize, options.busyBatchSize ?? 8);
  let stopped = false;
  let woken = false;
  let passesStarted = 0;
  let sleeping: { readonly resolve: () => void; readonly timer: NodeJS.Timeout } | undefined;
  const waiters: Array<{ readonly after: number; readonly resolve: () => void }> = [];

  const settle = (passNumber: number) => {
    for (let i = waiters.length - 1; i >= 0; i -= 1) {
      if (passNumber > waiters[i]!.after) waiters.splice(i, 1)[0]!.resolve();
    }
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => ((sleeping = undefined), resolve()), pollMs);
      sleeping = { resolve: () => (clearTimeout(timer), (sleeping = undefined), resolve()), timer };
    });

  /** Waits while the process is busy, up to `maxDeferMs`; the size of the pass that follows. */
  const yieldToAnswers = async (): Promise<number> => {
    const deadline = performance.now() + maxDeferMs;
    while (!stopped && busy()) {
      if (performance.now() >= deadline) return busyBatchSize;
      await new Promise((resolve) => setTimeout(resolve, BUSY_CHECK_MS));
    }
    return batchSize;
  };

  const loop = async () => {
    while (!stopped) {
      woken = false;
      const limit = await yieldToAnswers();
      const passNumber = (passesStarted += 1);
      // A throw (a bug, not a database answer) leaves the pass's leased deliveries to their lease's end.
      const result = await options.process(limit)().catch((error: unknown) => E.left(persistenceFailure(`Applying webhook deliveries threw: ${String(error)}`)));
      if (E.isLeft(result)) options.logger.warn({ err: { message: result.left.message } }, 'webhook deliveries kept for the next pass');
      else logPass(options.logger, result.right);
      const more = E.isRight(result) && result.right.claimed > result.right.failed + result.right.postponed;
      if (more) continue;
      settle(passNumber);
      if (!woken && !stopped) await sleep();
    }
  };
  const running = loop();

  const wake = () => {
    woken = true;
    sleeping?.resolve();
  };
  const drain = () =>
    new Promise<void>((resolve) => {
      waiters.push({ after: passesStarted, resolve });
      wake();
    });
  return {
    wake,
    drain,
    idle: () => (sleeping !== undefined ? Promise.resolve() : drain()),
    close: async () => {
      await drain();
      stopped = true;
      wake();
      await running;
    },
  };
};
