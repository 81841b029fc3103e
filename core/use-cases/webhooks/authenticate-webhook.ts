import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { secretContext, type Ciphertext, type Connection } from '../../domain/connection.js';
import type { ConnectionId } from '../../domain/ids.js';
import type { Provider } from '../../domain/provider.js';
import type { WebhookHeaders } from '../../domain/webhook.js';
import { acceptedWebhookSecrets } from '../../domain/webhook-secret.js';
import { webhookSignatureInvalid, type PersistenceFailure, type SecretUnreadable, type WebhookSignatureInvalid } from '../../errors.js';
import type { Cipher } from '../../ports/cipher.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { WebhookVerifier } from '../../ports/webhook-verifier.js';

export interface ReceiveWebhookCommand {
  readonly provider: Provider;
  readonly connectionId: ConnectionId;
  /** The request body exactly as received: signatures are computed over these bytes. */
  readonly rawBody: Uint8Array;
  readonly headers: WebhookHeaders;
}

/** What the HMAC is keyed with when there is no real secret, so a refusal costs the same work as a check. */
const STAND_IN_SECRET = 'taskport: no webhook secret to check against';

/**
 * The connection a delivery names, for its provider; null when there is none. Found by id alone
 * (see `findForWebhook`): the secret, not the caller, decides whose delivery it is.
 */
export const findWebhookConnection =
  (connections: ConnectionRepository) =>
  (command: ReceiveWebhookCommand): TE.TaskEither<PersistenceFailure, Connection | null> =>
    pipe(
      connections.findForWebhook(command.connectionId),
      TE.map((found) => (found !== null && found.provider === command.provider ? found : null)),
    );

/** An unknown connection is refused exactly like a bad signature, after the same HMAC work. */
export const refuseUnknownConnection = (verifier: WebhookVerifier, command: ReceiveWebhookCommand): TE.TaskEither<WebhookSignatureInvalid, never> => {
  verifier.verify(command.rawBody, command.headers, [STAND_IN_SECRET]);
  return TE.left(webhookSignatureInvalid());
};

/**
 * Checks the signature against the secrets the connection accepts now (the current one, and the
 * previous one during a rotation's grace). A connection without a secret refuses every delivery.
 */
export const verifySignature =
  (deps: { readonly cipher: Cipher; readonly verifier: WebhookVerifier }) =>
  (connection: Connection, command: ReceiveWebhookCommand, now: Date): TE.TaskEither<SecretUnreadable | WebhookSignatureInvalid, Connection> => {
    const context = secretContext(connection.organizationId, connection.id, 'webhookSecret');
    return pipe(
      TE.traverseArray((ciphertext: Ciphertext) => deps.cipher.decrypt(ciphertext, context))(acceptedWebhookSecrets(connection, now)),
      TE.chainW((secrets) => {
        const signed = deps.verifier.verify(command.rawBody, command.headers, secrets.length === 0 ? [STAND_IN_SECRET] : secrets);
        return signed && secrets.length > 0 ? TE.right(connection) : TE.left(webhookSignatureInvalid());
      }),
    );
  };
