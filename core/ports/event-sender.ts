import type * as T from 'fp-ts/lib/Task.js';

export interface SignedPost {
  readonly url: string;
  /** Sent exactly as given, and signed as such. */
  readonly body: string;
  readonly eventId: string;
  readonly eventType: string;
  /** Plain signing secrets: the current one first, then one in its grace period. */
  readonly secrets: ReadonlyArray<string>;
  /** The signature's timestamp. */
  readonly at: Date;
}

export interface SendResult {
  /** The receiver's status, or null when no answer came (refused address, timeout, network). */
  readonly statusCode: number | null;
  readonly error: string | null;
}

/**
 * POSTs an event to an endpoint, signed (`Taskport-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`), through the same address guard as every outgoing request. Never fails: a failure
 * is a result.
 */
export interface EventSender {
  readonly send: (post: SignedPost) => T.Task<SendResult>;
}
