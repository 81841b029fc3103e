import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { isSecretContextFor, type Cipher } from '../../core/index.js';
import { ttlCache } from './ttl-cache.js';

export const DEFAULT_SECRET_TTL_MS = 5_000;

/**
 * Keeps decrypted webhook secrets for a few seconds instead of running AES-GCM on every delivery.
 * Keyed by the ciphertext and its context: a new or rotated secret is a new ciphertext, so an entry
 * is never stale, it only keeps a plaintext the process already held for a little longer. Only
 * webhook secrets: other secrets are decrypted rarely and need no copy in memory.
 */
export const cachedSecretCipher = (cipher: Cipher, options: { readonly ttlMs?: number; readonly maxEntries?: number } = {}): Cipher => {
  const cache = ttlCache<string>({ ttlMs: options.ttlMs ?? DEFAULT_SECRET_TTL_MS, maxEntries: options.maxEntries ?? 10_000 });
  return {
    encrypt: cipher.encrypt,
    needsReencryption: cipher.needsReencryption,
    decrypt: (ciphertext, associatedData) => {
      if (!isSecretContextFor(associatedData, 'webhookSecret')) return cipher.decrypt(ciphertext, associatedData);
      const key = `${associatedData}\n${ciphertext}`;
      const cached = cache.get(key);
      if (cached !== undefined) return TE.right(cached.value);
      return pipe(
        cipher.decrypt(ciphertext, associatedData),
        TE.map((plaintext) => (cache.set(key, plaintext), plaintext)),
      );
    },
  };
};
