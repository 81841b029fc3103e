import * as E from 'fp-ts/lib/Either.js';
import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import { inboxRetryDelayMs, type InboxRetryPolicy } from '../../domain/webhook-dead-letter.js';
import type { WebhookEvent } from '../../domain/webhook.js';
import { describeError, type DomainError, type PersistenceFailure } from '../../errors.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { ClaimedDelivery, WebhookInbox } from '../../ports/webhook-inbox.js';
import { applyWebhookEvent, type AppliedWebhookEvent, type ApplyWebhookDeps } from './apply-webhook-event.js';
import { OWN_WRITE_HOLD, ownWriteCheck, type OwnWriteCheck, type OwnWriteHoldDeps } from './own-write-hold.js';
import { readNamedItems, type NamedItem, type ResolveNamedItem } from './read-named-items.js';

export interface ProcessWebhookInboxDeps extends ApplyWebhookDeps, OwnWriteHoldDeps {
  readonly webhookInbox: WebhookInbox;
  readonly connections: ConnectionRepository;
  readonly clock: Clock;
  /** How often a delivery is tried, and how long it waits between tries, before it is dead-lettered. */
  readonly webhookRetry: InboxRetryPolicy;
}

/** A delivery set aside this pass, for the one log line that says so. */
export interface DeadLettered {
  readonly id: string;
  readonly organizationId: string;
  readonly connectionId: string;
  readonly provider: string;
  readonly deliveryId: string;
  readonly attempts: number;
  readonly reason: string;
}

/** What one pass did with the deliveries it claimed. */
export interface InboxPassCounts {
  readonly claimed: number;
  readonly applied: number;
  readonly duplicate: number;
  readonly ignored: number;
  /** Completed without effect: the connection is gone, or the delivery can no longer be read. */
  readonly dropped: number;
  /** Failed, and tried again after a wait (the longer the more tries it had). */
  readonly failed: number;
  /** About an item taskport is writing: left for a later pass, once the write has settled (not a try). */
  readonly postponed: number;
  /** Failed for the last time: kept, with the reason, until someone replays them. */
  readonly deadLettered: ReadonlyArray<DeadLettered>;
}

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dropped';
/** `final`: no later try can change the answer (an item that cannot be read), so it is set aside at once. */
type DeliveryResult = { readonly outcome: Outcome } | { readonly failure: string; readonly final?: true } | { readonly postponed: true };

/** The connection still as the delivery named it: same organization and provider, or gone. */
const currentConnection = (deps: ProcessWebhookInboxDeps, delivery: ClaimedDelivery): TE.TaskEither<PersistenceFailure, Connection | null> =>
  pipe(
    deps.connections.findForWebhook(delivery.connectionId),
    TE.map((found) => (found !== null && found.organizationId === delivery.organizationId && found.provider === delivery.provider ? found : null)),
  );

/** A throw while applying is a bug; it fails this one delivery (which is then retried), not the pass. */
const thrown = (error: unknown): DeliveryResult => ({ failure: `Applying it threw: ${error instanceof Error ? error.message : String(error)}` });

const POSTPONED: DeliveryResult = { postponed: true };

/** A delivery ready to apply: its connection as it stands and its event, decoded. */
interface Ready {
  readonly connection: Connection;
  readonly event: WebhookEvent;
}
type Prepared = Ready | DeliveryResult;
const isReady = (prepared: Prepared): prepared is Ready => 'event' in prepared;

/** Everything before the effect: the connection, the item decoded, a write of the item still out. */
const prepareOne =
  (deps: ProcessWebhookInboxDeps, heldByOwnWrite: OwnWriteCheck) =>
  (delivery: ClaimedDelivery): T.Task<Prepared> =>
  () =>
    pipe(
      currentConnection(deps, delivery),
      TE.chainW((connection): TE.TaskEither<DomainError, Prepared> => {
        const handler = deps.providers.find(delivery.provider)?.webhooks;
        if (connection === null || handler === undefined) return TE.right({ outcome: 'dropped' });
        const decoded = handler.decode(delivery.rawBody, delivery.headers, connection);
        // Answered from its envelope, the delivery's item is read only now: one that cannot be read is kept, with why, for a replay once the decoder is fixed.
        if (E.isLeft(decoded)) return TE.right({ failure: `Its item cannot be read: ${describeError(decoded.left)}`, final: true });
        const event = decoded.right.event;
        return pipe(
          heldByOwnWrite(connection, event),
          TE.map((held): Prepared => (held ? POSTPONED : { connection, event })),
        );
      }),
      TE.getOrElse((error): T.Task<Prepared> => T.of({ failure: describeError(error) })),
    )().catch(thrown);

/** A claim beyond the last try means every earlier claimer stopped (or crashed) before recording an outcome: it is not tried again. */
const tryOne =
  (deps: ProcessWebhookInboxDeps, heldByOwnWrite: OwnWriteCheck) =>
  (delivery: ClaimedDelivery): T.Task<Prepared> =>
    delivery.attempts > deps.webhookRetry.maxAttempts
      ? T.of({ failure: `Claimed ${delivery.attempts - 1} times without an outcome: the process applying it stopped each time` })
      : prepareOne(deps, heldByOwnWrite)(delivery);

/** The items named without being carried, read together for the whole pass (see `readNamedItems`). */
const namedItems = (prepared: ReadonlyArray<Prepared>): ReadonlyArray<NamedItem> =>
  prepared.flatMap((p) => (isReady(p) && p.event.kind === 'refetch' ? [{ connection: p.connection, externalId: p.event.externalId }] : []));

const applyOne =
  (deps: ProcessWebhookInboxDeps, now: Date, resolveNamed: ResolveNamedItem) =>
  (delivery: ClaimedDelivery, prepared: Prepared): T.Task<DeliveryResult> =>
  () => {
    if (!isReady(prepared)) return Promise.resolve(prepared);
    const { connection, event } = prepared;
    return pipe(
      event.kind === 'refetch' ? resolveNamed(connection, event.externalId) : TE.right<DomainError, AppliedWebhookEvent>(event),
      // The recorded key, not one derived again: it is the key the delivery was deduplicated on.
      TE.chainW((resolved) => applyWebhookEvent(deps)(connection, { deliveryKey: delivery.deliveryKey, event: resolved }, now)),
      TE.map((outcome): DeliveryResult => ({ outcome })),
      TE.getOrElse((error): T.Task<DeliveryResult> => T.of({ failure: describeError(error) })),
    )().catch(thrown);
  };

/** Prepares every claimed delivery, then applies them side by side, the items they only name read together. */
const applyAll =
  (deps: ProcessWebhookInboxDeps, now: Date, claimed: ReadonlyArray<ClaimedDelivery>): T.Task<ReadonlyArray<DeliveryResult>> =>
  async () => {
    const prepared = await T.sequenceArray(claimed.map(tryOne(deps, ownWriteCheck(deps, now))))();
    const resolveNamed = readNamedItems(deps, namedItems(prepared));
    return T.sequenceArray(claimed.map((delivery, i) => applyOne(deps, now, resolveNamed)(delivery, prepared[i]!)))();
  };

const deadLetteredOf = (delivery: ClaimedDelivery, reason: string): DeadLettered => ({
  id: delivery.id,
  organizationId: delivery.organizationId,
  connectionId: delivery.connectionId,
  provider: delivery.provider,
  deliveryId: delivery.deliveryId,
  attempts: delivery.attempts,
  reason,
});

/** Records what became of each claimed delivery: done, tried again later, or dead-lettered. */
const settle = (deps: ProcessWebhookInboxDeps, now: Date, claimed: ReadonlyArray<ClaimedDelivery>, results: ReadonlyArray<DeliveryResult>) => {
  const done = claimed.filter((_, i) => 'outcome' in results[i]!).map((delivery) => delivery.id);
  const failures = claimed.flatMap((delivery, i) => {
    const result = results[i]!;
    return 'failure' in result ? [{ delivery, reason: result.failure, final: result.final === true }] : [];
  });
  const isLast = ({ delivery, final }: (typeof failures)[number]) => final || delivery.attempts >= deps.webhookRetry.maxAttempts;
  const last = failures.filter(isLast);
  const again = failures.filter((failure) => !isLast(failure));
  const postponed = claimed.filter((_, i) => 'postponed' in results[i]!);
  const recheckAt = new Date(now.getTime() + OWN_WRITE_HOLD.recheckMs);
  return pipe(
    done.length === 0 ? TE.right(undefined) : deps.webhookInbox.complete(done, now),
    TE.chain(() => TE.traverseSeqArray((delivery: ClaimedDelivery) => deps.webhookInbox.postpone(delivery.id, recheckAt))(postponed)),
    TE.chain(() =>
      TE.traverseSeqArray(({ delivery, reason }: (typeof failures)[number]) =>
        deps.webhookInbox.retryLater(delivery.id, reason, new Date(now.getTime() + inboxRetryDelayMs(deps.webhookRetry, delivery.attempts))),
      )(again),
    ),
    TE.chain(() => TE.traverseSeqArray(({ delivery, reason }: (typeof failures)[number]) => deps.webhookInbox.deadLetter(delivery.id, reason, now))(last)),
    TE.map(() => ({ failed: again.length, postponed: postponed.length, deadLettered: last.map(({ delivery, reason }) => deadLetteredOf(delivery, reason)) })),
  );
};

const countsOf = (results: ReadonlyArray<DeliveryResult>, settled: Pick<InboxPassCounts, 'failed' | 'postponed' | 'deadLettered'>): InboxPassCounts => {
  const count = (outcome: Outcome) => results.filter((r) => 'outcome' in r && r.outcome === outcome).length;
  return { claimed: results.length, applied: count('applied'), duplicate: count('duplicate'), ignored: count('ignored'), dropped: count('dropped'), ...settled };
};

/**
 * One pass over the webhook inbox: claims up to `limit` deliveries and applies them side by side
 * through the same path as before the inbox (`applyWebhookEvent`, keyed by the delivery in the
 * event log). Applied ones are completed; a failed one is tried again after a wait that doubles
 * with each try, and the one that fails its last try (`webhookRetry.maxAttempts`) is dead-lettered
 * with the reason, kept until replayed. Applying is exactly-once in effect even when a delivery is
 * applied twice (a claimer that crashed before recording the outcome): the event log knows its
 * key. Order does not matter: a version older than the task's is kept out by the repository.
 * A delivery about an item taskport is writing right now is postponed, not tried, until the write
 * has settled: it is most likely the write's own echo (see `own-write-hold.ts`).
 */
export const processWebhookInbox =
  (deps: ProcessWebhookInboxDeps) =>
  (limit: number): TE.TaskEither<PersistenceFailure, InboxPassCounts> => {
    const now = deps.clock.now();
    return pipe(
      deps.webhookInbox.claim(limit, now),
      TE.chain((claimed) =>
        pipe(
          TE.fromTask(applyAll(deps, now, claimed)),
          TE.chain((results) => pipe(settle(deps, now, claimed, results), TE.map((settled) => countsOf(results, settled)))),
        ),
      ),
    );
  };
