import * as E from 'fp-ts/lib/Either.js';
import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { DomainError, PersistenceFailure } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { ClaimedDelivery, WebhookInbox } from '../../ports/webhook-inbox.js';
import { applyWebhookEvent, type ApplyWebhookDeps } from './apply-webhook-event.js';

export interface ProcessWebhookInboxDeps extends ApplyWebhookDeps {
  readonly webhookInbox: WebhookInbox;
  readonly connections: ConnectionRepository;
  readonly clock: Clock;
}

/** What one pass did with the deliveries it claimed. */
export interface InboxPassCounts {
  readonly claimed: number;
  readonly applied: number;
  readonly duplicate: number;
  readonly ignored: number;
  /** Completed without effect: the connection is gone, or the delivery can no longer be read. */
  readonly dropped: number;
  /** Left pending (their lease ends, then they are claimed again). */
  readonly failed: number;
}

type DeliveryResult = 'applied' | 'duplicate' | 'ignored' | 'dropped' | 'failed';

/** The connection still as the delivery named it: same organization and provider, or gone. */
const currentConnection = (deps: ProcessWebhookInboxDeps, delivery: ClaimedDelivery): TE.TaskEither<PersistenceFailure, Connection | null> =>
  pipe(
    deps.connections.findForWebhook(delivery.connectionId),
    TE.map((found) => (found !== null && found.organizationId === delivery.organizationId && found.provider === delivery.provider ? found : null)),
  );

const applyOne =
  (deps: ProcessWebhookInboxDeps, now: Date) =>
  (delivery: ClaimedDelivery): T.Task<DeliveryResult> =>
    pipe(
      currentConnection(deps, delivery),
      TE.chainW((connection): TE.TaskEither<DomainError, DeliveryResult> => {
        const handler = deps.providers.find(delivery.provider)?.webhooks;
        if (connection === null || handler === undefined) return TE.right('dropped');
        const decoded = handler.decode(delivery.rawBody, delivery.headers, connection);
        if (E.isLeft(decoded)) return TE.right('dropped');
        // The recorded key, not one derived again: it is the key the delivery was deduplicated on.
        return applyWebhookEvent(deps)(connection, { deliveryKey: delivery.deliveryKey, event: decoded.right.event }, now);
      }),
      TE.getOrElse((): T.Task<DeliveryResult> => T.of('failed')),
    );

const countsOf = (results: ReadonlyArray<DeliveryResult>): InboxPassCounts => {
  const count = (result: DeliveryResult) => results.filter((r) => r === result).length;
  return { claimed: results.length, applied: count('applied'), duplicate: count('duplicate'), ignored: count('ignored'), dropped: count('dropped'), failed: count('failed') };
};

/**
 * One pass over the webhook inbox: claims up to `limit` deliveries and applies them side by side
 * through the same path as before the inbox (`applyWebhookEvent`, keyed by the delivery in the
 * event log), then completes all but the failed ones. Applying is exactly-once in effect even when
 * a delivery is applied twice (a claimer that crashed before `complete`): the event log knows its
 * key. Order does not matter: a version older than the task's is kept out by the repository.
 */
export const processWebhookInbox =
  (deps: ProcessWebhookInboxDeps) =>
  (limit: number): TE.TaskEither<PersistenceFailure, InboxPassCounts> => {
    const now = deps.clock.now();
    return pipe(
      deps.webhookInbox.claim(limit, now),
      TE.chain((claimed) =>
        pipe(
          TE.fromTask(T.sequenceArray(claimed.map(applyOne(deps, now)))),
          TE.chainFirst((results) => {
            const done = claimed.filter((_, i) => results[i] !== 'failed').map((delivery) => delivery.id);
            return done.length === 0 ? TE.right(undefined) : deps.webhookInbox.complete(done, now);
          }),
        ),
      ),
      TE.map(countsOf),
    );
  };
