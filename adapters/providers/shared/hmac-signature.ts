import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookHeaders } from '../../../core/index.js';

/** One header a provider may put its signature in, and how the digest is written there. */
export interface SignatureHeader {
  /** Lower case. */
  readonly name: string;
  /** Text before the digest, such as WebSub's `sha256=`. */
  readonly prefix?: string;
  /** `hex-or-base64`: senders that may write either (ServiceNow scripts often emit base64). */
  readonly encoding: 'hex' | 'base64' | 'hex-or-base64';
}

/** A provider's webhook signature scheme, as data: HMAC-SHA256 over the raw body, in one of these headers. */
export interface HmacScheme {
  readonly headers: ReadonlyArray<SignatureHeader>;
}

const DIGEST_BYTES = 32;
const NO_DIGEST = Buffer.alloc(DIGEST_BYTES);
const HEX = /^[0-9a-f]{64}$/i;
const BASE64 = /^[A-Za-z0-9+/]{43}=$/;

const parseDigest = (text: string, encoding: SignatureHeader['encoding']): Buffer | null => {
  if ((encoding === 'hex' || encoding === 'hex-or-base64') && HEX.test(text)) return Buffer.from(text, 'hex');
  if ((encoding === 'base64' || encoding === 'hex-or-base64') && BASE64.test(text)) return Buffer.from(text, 'base64');
  return null;
};

/** Every digest the headers claim; a header of the wrong form, another algorithm or length, claims nothing. */
export const claimedDigests = (headers: WebhookHeaders, scheme: HmacScheme): ReadonlyArray<Buffer> =>
  scheme.headers.flatMap((header) => {
    const raw = headers[header.name]?.trim();
    if (raw === undefined) return [];
    const prefix = header.prefix ?? '';
    if (!raw.toLowerCase().startsWith(prefix.toLowerCase())) return [];
    const digest = parseDigest(raw.slice(prefix.length), header.encoding);
    return digest === null ? [] : [digest];
  });

/**
 * HMAC-SHA256 of the raw body under each key, compared in constant time with every digest the
 * headers claim. The work is the same whether the headers are missing, malformed or wrong.
 */
export const hmacSigned = (rawBody: Uint8Array, claimed: ReadonlyArray<Buffer>, keys: ReadonlyArray<string | Buffer>): boolean => {
  const candidates = claimed.length === 0 ? [NO_DIGEST] : claimed;
  let valid = false;
  for (const key of keys) {
    const digest = createHmac('sha256', key).update(rawBody).digest();
    for (const candidate of candidates) {
      const matches = timingSafeEqual(digest, candidate);
      valid = valid || (matches && claimed.length > 0);
    }
  }
  return valid;
};
