import type * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ProviderSettings } from '../domain/provider.js';
import type { WebhookDelivery, WebhookHeaders } from '../domain/webhook.js';
import type { SourceUnavailable, WebhookPayloadInvalid } from '../errors.js';

/** The connection a delivery names, as a webhook handler may see it: no credentials. */
export interface WebhookConnection {
  readonly baseUrl: string;
  readonly site: string;
  readonly settings: ProviderSettings;
}

/** Who a delivery must be signed by. */
export interface WebhookSigner {
  /**
   * The shared secrets the connection accepts now (the current one, and the previous one during a
   * rotation's grace), or a stand-in when there is none: checking costs the same either way.
   */
  readonly secrets: ReadonlyArray<string>;
  /** Null when the delivery names no connection: `verify` then answers false, after the same work where it can. */
  readonly connection: WebhookConnection | null;
}

/** What answering a delivery needs of it, read without decoding the item it carries. */
export interface WebhookEnvelope {
  /** As `decode` would give it. */
  readonly deliveryId: string;
  /** The name of an event taskport does not use (acknowledged, never recorded); null for one it records. */
  readonly ignored: string | null;
}

/** How one provider's webhooks are authenticated and read. */
export interface WebhookHandler {
  /** The (lower-case) headers `decode` reads: what the inbox keeps of a delivery's headers. */
  readonly headersRead: ReadonlyArray<string>;
  /** Whether deliveries are signed with a secret set on the connection (`webhookSecret`). */
  readonly usesSharedSecret: boolean;
  /**
   * True when the exact bytes received were signed by the signer. Constant-time where secrets are
   * compared; it may fetch a signing key (SourceUnavailable when that fails, so the sender retries).
   */
  readonly verify: (rawBody: Uint8Array, headers: WebhookHeaders, signer: WebhookSigner) => TE.TaskEither<SourceUnavailable, boolean>;
  /**
   * Reads only what the answer needs: the delivery's identity and whether taskport uses it, as
   * `decode` would tell, leaving the item it carries to `decode` when it is applied (an item that
   * cannot be read is then dead-lettered with the reason). Without it, the answer decodes the whole delivery.
   */
  readonly identify?: (rawBody: Uint8Array, headers: WebhookHeaders, connection: WebhookConnection) => E.Either<WebhookPayloadInvalid, WebhookEnvelope>;
  /** Reads an authenticated delivery into a provider-neutral event; links are built on the connection's base URL. */
  readonly decode: (rawBody: Uint8Array, headers: WebhookHeaders, connection: WebhookConnection) => E.Either<WebhookPayloadInvalid, WebhookDelivery>;
}
