import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookHeaders, WebhookVerifier } from '../../core/index.js';

// Jira's admin webhooks use WebSub's `X-Hub-Signature: sha256=<hex>`; some senders are set up to put
// the bare hex digest in `X-Jira-Signature`. Any other algorithm, or a digest of the wrong length, is no signature.
const HUB_SIGNATURE = /^sha256=([0-9a-f]{64})$/i;
const BARE_SIGNATURE = /^([0-9a-f]{64})$/i;
const NO_DIGEST = Buffer.alloc(32);

const claimedDigests = (headers: WebhookHeaders): ReadonlyArray<Buffer> =>
  [HUB_SIGNATURE.exec(headers['x-hub-signature']?.trim() ?? '')?.[1], BARE_SIGNATURE.exec(headers['x-jira-signature']?.trim() ?? '')?.[1]]
    .filter((hex): hex is string => hex !== undefined)
    .map((hex) => Buffer.from(hex, 'hex'));

/**
 * HMAC-SHA256 of the raw body under each secret, compared in constant time with every digest the
 * headers claim. The work is the same whether the headers are missing, malformed or wrong.
 */
export const hmacSha256WebhookVerifier = (): WebhookVerifier => ({
  verify: (rawBody, headers, secrets) => {
    const claimed = claimedDigests(headers);
    const candidates = claimed.length === 0 ? [NO_DIGEST] : claimed;
    let valid = false;
    for (const secret of secrets) {
      const digest = createHmac('sha256', secret).update(rawBody).digest();
      for (const candidate of candidates) {
        const matches = timingSafeEqual(digest, candidate);
        valid = valid || (matches && claimed.length > 0);
      }
    }
    return valid;
  },
});
