import { createHmac, randomBytes } from 'node:crypto';
import type { SecretGenerator } from '../../core/index.js';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one `v1` per secret (a rotated-out
 * secret signs beside the new one during its grace period), the scheme Stripe's users know.
 */
export const signatureHeader = (secrets: ReadonlyArray<string>, at: Date, body: string): string => {
  const t = Math.floor(at.getTime() / 1000);
  return [`t=${t}`, ...secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`)].join(',');
};

/** 32 random bytes, recognisable by their prefix (so a leaked one is easy to find in logs and code). */
export const randomSigningSecrets = (): SecretGenerator => ({ next: () => `whsec_${randomBytes(32).toString('base64url')}` });
