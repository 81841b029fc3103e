import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { ProviderName } from '../domain/provider.js';
import type { WebhookDeadLetter } from '../domain/webhook-dead-letter.js';
import type { WebhookHeaders } from '../domain/webhook.js';
import type { PersistenceFailure } from '../errors.js';

/** An authenticated, readable delivery, as received: what applying it later needs, and nothing else. */
export interface InboxDelivery {
  /** The connection's organization, decided when the delivery was authenticated. */
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly provider: ProviderName;
  readonly deliveryId: string;
  /**
   * What makes the delivery one: the same key as the event log's (`webhookIdempotencyKey`, scoped to
   * the tracker instance). The inbox keeps one delivery per (organization, key).
   */
  readonly deliveryKey: string;
  readonly receivedAt: Date;
  readonly rawBody: Uint8Array;
  /** Only the headers the provider's decoder reads. */
  readonly headers: WebhookHeaders;
}

/** A delivery leased to one claimer until `complete` or the lease's end. */
export interface ClaimedDelivery extends InboxDelivery {
  readonly id: string;
  /** How many times it was claimed, this time included. */
  readonly attempts: number;
}

export type InboxRecordOutcome = 'recorded' | 'duplicate';

/**
 * Deliveries durably recorded before they are answered, applied afterwards by whoever claims them.
 * It is a queue of every organization's deliveries, drained by the service itself: like
 * `findForWebhook`, it is never read on behalf of a caller, and each delivery carries its
 * organization so applying it stays tenant-scoped.
 */
export interface WebhookInbox {
  /** Durable when it answers; a delivery already recorded (even completed) is a `duplicate` and changes nothing. */
  readonly record: (delivery: InboxDelivery) => TE.TaskEither<PersistenceFailure, InboxRecordOutcome>;
  /**
   * Leases up to `limit` pending deliveries, oldest first, to this caller alone; a lease that ends
   * before `complete` (a crashed claimer) makes them claimable again.
   */
  readonly claim: (limit: number, now: Date) => TE.TaskEither<PersistenceFailure, ReadonlyArray<ClaimedDelivery>>;
  /** Marks deliveries done: never claimed again, their key still answers `duplicate`, their body is dropped. */
  readonly complete: (ids: ReadonlyArray<string>, now: Date) => TE.TaskEither<PersistenceFailure, void>;
  /** A claimed delivery failed: it is claimable again from `retryAt` (not before), with `reason` kept. */
  readonly retryLater: (id: string, reason: string, retryAt: Date) => TE.TaskEither<PersistenceFailure, void>;
  /**
   * A claimed delivery that must wait, without having failed (a write of its item is still out at
   * the tracker): claimable again from `until`, and this claim does not count as a try.
   */
  readonly postpone: (id: string, until: Date) => TE.TaskEither<PersistenceFailure, void>;
  /** A claimed delivery failed for the last time: never claimed again until replayed; its body is kept. */
  readonly deadLetter: (id: string, reason: string, now: Date) => TE.TaskEither<PersistenceFailure, void>;
  /** The connection's dead letters, newest first. */
  readonly listDeadLetters: (organizationId: OrganizationId, connectionId: ConnectionId, limit: number) => TE.TaskEither<PersistenceFailure, ReadonlyArray<WebhookDeadLetter>>;
  /** How many dead letters each of these connections holds; a connection with none is absent. */
  readonly countDeadLetters: (organizationId: OrganizationId, connectionIds: ReadonlyArray<ConnectionId>) => TE.TaskEither<PersistenceFailure, ReadonlyMap<string, number>>;
  /**
   * Puts the connection's dead letters back in the inbox, claimable at once with their tries
   * counted from zero: those with these ids, or every one (`all`). Answers the ids put back.
   */
  readonly replay: (
    organizationId: OrganizationId,
    connectionId: ConnectionId,
    ids: ReadonlyArray<string> | 'all',
  ) => TE.TaskEither<PersistenceFailure, ReadonlyArray<string>>;
}
