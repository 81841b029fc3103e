import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { WebhookHandler } from '../../../core/index.js';
import type { HttpClient } from '../../net/index.js';
import { claimedDigests, hmacSigned } from '../shared/hmac-signature.js';
import { decodeConnectWiseCallback, parseCallback } from './callback-decoder.js';
import { CONNECTWISE_SIGNATURE } from './facts.js';
import { keyUrlRefusal, signingKeys } from './signing-keys.js';

export interface ConnectWiseWebhookOptions {
  readonly http: HttpClient;
  readonly allowPrivateNetwork: boolean;
  readonly now?: () => number;
}

// Checking an unsigned or unsafe delivery still costs one HMAC, as a signed one does.
const PLACEHOLDER_KEY = Buffer.alloc(32);

/**
 * Callbacks signed with a key ConnectWise serves at the body's `Metadata.key_url`: the URL is
 * checked before it is fetched (see `keyUrlRefusal`), the key cached per URL, the body's HMAC
 * compared in constant time. A key that cannot be fetched answers SourceUnavailable (a 5xx) so
 * ConnectWise sends the callback again.
 */
export const connectWiseWebhooks = (options: ConnectWiseWebhookOptions): WebhookHandler => {
  const keys = signingKeys(options.http, options.now ?? Date.now);
  return {
    headersRead: [],
    usesSharedSecret: false,
    verify: (rawBody, headers, signer) => {
      const claimed = claimedDigests(headers, CONNECTWISE_SIGNATURE);
      const unsigned = TE.right(hmacSigned(rawBody, [], [PLACEHOLDER_KEY]));
      const connection = signer.connection;
      const callback = parseCallback(rawBody);
      const keyUrl = E.isRight(callback) ? callback.right.Metadata?.key_url : undefined;
      const clientId = connection?.settings.clientId;
      if (connection === null || keyUrl === undefined || typeof clientId !== 'string' || claimed.length === 0) return unsigned;
      if (keyUrlRefusal(keyUrl, connection, options.allowPrivateNetwork) !== null) return unsigned;
      return TE.map((key: Buffer) => hmacSigned(rawBody, claimed, [key]))(keys(keyUrl, clientId));
    },
    decode: (rawBody) => decodeConnectWiseCallback()(rawBody),
  };
};
