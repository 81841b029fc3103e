import * as TE from 'fp-ts/lib/TaskEither.js';
import type { WebhookHandler } from '../../../core/index.js';
import { claimedDigests, hmacSigned } from '../shared/hmac-signature.js';
import { SERVICENOW_DELIVERY_HEADER, SERVICENOW_SIGNATURE } from './facts.js';
import { decodeServiceNowDelivery, identifyServiceNowDelivery } from './servicenow-webhook-decoder.js';

/** Business-rule deliveries signed with the connection's secret (HMAC-SHA256 of the raw body, hex or base64). */
export const serviceNowWebhooks = (): WebhookHandler => ({
  headersRead: [SERVICENOW_DELIVERY_HEADER],
  usesSharedSecret: true,
  verify: (rawBody, headers, signer) => TE.right(hmacSigned(rawBody, claimedDigests(headers, SERVICENOW_SIGNATURE), signer.secrets)),
  identify: identifyServiceNowDelivery,
  decode: decodeServiceNowDelivery,
});
