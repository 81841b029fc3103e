import type { Provider } from '../domain/provider.js';
import type { WebhookDecoder } from './webhook-decoder.js';
import type { WebhookVerifier } from './webhook-verifier.js';

/** How one provider's webhooks are authenticated and read. */
export interface WebhookSupport {
  readonly verifier: WebhookVerifier;
  readonly decoder: WebhookDecoder;
}

/** Finds a provider's webhook support; a provider without webhooks is `undefined`. */
export type WebhookSupportRegistry = (provider: Provider) => WebhookSupport | undefined;
