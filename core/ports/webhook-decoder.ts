import type * as E from 'fp-ts/lib/Either.js';
import type { WebhookDelivery, WebhookHeaders } from '../domain/webhook.js';
import type { WebhookPayloadInvalid } from '../errors.js';

/** Reads a provider's (already authenticated) delivery into a provider-neutral event. */
export interface WebhookDecoder {
  /** The (lower-case) headers `decode` reads: what the inbox keeps of a delivery's headers. */
  readonly headersRead: ReadonlyArray<string>;
  /** `baseUrl` is the connection's site, which the links are built from. */
  readonly decode: (
    rawBody: Uint8Array,
    headers: WebhookHeaders,
    connection: { readonly baseUrl: string },
  ) => E.Either<WebhookPayloadInvalid, WebhookDelivery>;
}
