import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { secretContext, WEBHOOK_SECRET_FIELD, type Ciphertext, type Connection } from '../../domain/connection.js';
import type { ConnectionId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import type { WebhookHeaders } from '../../domain/webhook.js';
import { acceptedWebhookSecrets } from '../../domain/webhook-secret.js';
import {
  webhookSignatureInvalid,
  type PersistenceFailure,
  type SecretUnreadable,
  type SourceUnavailable,
  type WebhookSignatureInvalid,
} from '../../errors.js';
import type { Cipher } from '../../ports/cipher.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { WebhookHandler } from '../../ports/webhook-handler.js';

export interface ReceiveWebhookCommand {
  readonly provider: ProviderName;
  readonly connectionId: ConnectionId;
  /** The request body exactly as received: signatures are computed over these bytes. */
  readonly rawBody: Uint8Array;
  readonly headers: WebhookHeaders;
}

/** What the HMAC is keyed with when there is no real secret, so a refusal costs the same work as a check. */
const STAND_IN_SECRET = 'taskport: no webhook secret to check against';

/**
 * The connection a delivery names, for its provider; null when there is none. Found by id alone
 * (see `findForWebhook`): the signature, not the caller, decides whose delivery it is.
 */
export const findWebhookConnection =
  (connections: ConnectionRepository) =>
  (command: ReceiveWebhookCommand): TE.TaskEither<PersistenceFailure, Connection | null> =>
    pipe(
      connections.findForWebhook(command.connectionId),
      TE.map((found) => (found !== null && found.provider === command.provider ? found : null)),
    );

/** An unknown connection is refused exactly like a bad signature, after the same work where it costs nothing to do it. */
export const refuseUnknownConnection = (handler: WebhookHandler, command: ReceiveWebhookCommand): TE.TaskEither<WebhookSignatureInvalid | SourceUnavailable, never> =>
  pipe(
    handler.verify(command.rawBody, command.headers, { secrets: [STAND_IN_SECRET], connection: null }),
    TE.chainW(() => TE.left(webhookSignatureInvalid())),
  );

const sharedSecrets = (cipher: Cipher, connection: Connection, now: Date): TE.TaskEither<SecretUnreadable, ReadonlyArray<string>> => {
  const context = secretContext(connection.organizationId, connection.id, WEBHOOK_SECRET_FIELD);
  return TE.traverseArray((ciphertext: Ciphertext) => cipher.decrypt(ciphertext, context))(acceptedWebhookSecrets(connection, now));
};

/**
 * Checks the signature. With a shared secret, against the secrets the connection accepts now (the
 * current one, and the previous one during a rotation's grace): a connection without one refuses
 * every delivery. Without, the provider's handler finds its own key (it may fetch one).
 */
export const verifySignature =
  (deps: { readonly cipher: Cipher }, handler: WebhookHandler) =>
  (connection: Connection, command: ReceiveWebhookCommand, now: Date): TE.TaskEither<SecretUnreadable | SourceUnavailable | WebhookSignatureInvalid, Connection> =>
    pipe(
      handler.usesSharedSecret ? sharedSecrets(deps.cipher, connection, now) : TE.right<SecretUnreadable, ReadonlyArray<string>>([]),
      TE.chainW((secrets) => {
        const missing = handler.usesSharedSecret && secrets.length === 0;
        const signer = { secrets: missing ? [STAND_IN_SECRET] : secrets, connection: { baseUrl: connection.baseUrl, site: connection.site, settings: connection.settings } };
        return pipe(
          handler.verify(command.rawBody, command.headers, signer),
          TE.chainW((signed) => (signed && !missing ? TE.right(connection) : TE.left(webhookSignatureInvalid()))),
        );
      }),
    );
