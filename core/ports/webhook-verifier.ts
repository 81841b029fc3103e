import type { WebhookHeaders } from '../domain/webhook.js';

/** Checks that a delivery was signed by someone holding a secret, over the exact bytes received. */
export interface WebhookVerifier {
  /**
   * True when a signature in `headers` matches `rawBody` under one of `secrets`. Computes the
   * signature for every secret and compares in constant time, so its duration tells nothing.
   */
  readonly verify: (rawBody: Uint8Array, headers: WebhookHeaders, secrets: ReadonlyArray<string>) => boolean;
}
