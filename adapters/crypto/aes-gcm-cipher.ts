import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { secretUnreadable, type Cipher, type Ciphertext, type SecretUnreadable } from '../../core/index.js';

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A short, stable name for a key, so ciphertexts say which key made them and keys can rotate. */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

export interface Keyring {
  /** Encrypts with this one (TASKPORT_ENCRYPTION_KEY). */
  readonly current: Buffer;
  /** Retired keys, still accepted for decryption during a rotation (TASKPORT_ENCRYPTION_PREVIOUS_KEYS). */
  readonly previous?: ReadonlyArray<Buffer>;
}

/** Each key by its id; two different keys with one id (a 1 in 4 billion chance) would make ciphertexts ambiguous. */
const keysById = (all: ReadonlyArray<Buffer>): ReadonlyMap<string, Buffer> => {
  if (all.some((k) => k.length !== 32)) throw new Error('Every encryption key must be 32 bytes');
  const keys = new Map<string, Buffer>();
  for (const key of all) {
    const known = keys.get(keyIdOf(key));
    if (known !== undefined && !known.equals(key)) throw new Error(`Two encryption keys share the id ${keyIdOf(key)}: replace one of them`);
    keys.set(keyIdOf(key), key);
  }
  return keys;
};

const keyIdOfCiphertext = (ciphertext: string): string | undefined => {
  const [version, keyId] = ciphertext.split('.');
  return version === VERSION ? keyId : undefined;
};

/**
 * AES-256-GCM with a fresh 96-bit nonce per value. The associated data (organization, connection,
 * field) is authenticated, so a ciphertext moved anywhere else fails to decrypt.
 * Format: `v1.<keyId>.<nonce>.<ciphertext+tag>`, base64url parts. The key id picks the key that
 * decrypts, without trying each; a ciphertext of another key id needs re-encryption.
 */
export const aesGcmCipher = (keyring: Keyring): Cipher => {
  const keys = keysById([keyring.current, ...(keyring.previous ?? [])]);
  const currentId = keyIdOf(keyring.current);
  return {
    encrypt: (plaintext, associatedData) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyring.current, nonce);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return TE.right(`${VERSION}.${currentId}.${nonce.toString('base64url')}.${body.toString('base64url')}` as Ciphertext);
    },
    decrypt: (ciphertext, associatedData) => TE.fromEither(decryptWith(keys, ciphertext, associatedData)),
    needsReencryption: (ciphertext) => keyIdOfCiphertext(ciphertext) !== currentId,
  };
};

const unreadable = (why: string): E.Either<SecretUnreadable, string> =>
  E.left(secretUnreadable(`The stored secret cannot be read: ${why}`));

const decryptWith = (keys: ReadonlyMap<string, Buffer>, ciphertext: string, associatedData: string): E.Either<SecretUnreadable, string> => {
  const [version, keyId, nonceText, bodyText] = ciphertext.split('.');
  // Only the key the ciphertext names is tried: no key is guessed.
  if (version !== VERSION || keyId === undefined || nonceText === undefined || bodyText === undefined) return unreadable('unknown format');
  const key = keys.get(keyId);
  if (key === undefined) return unreadable(`key ${keyId} is not configured`);
  const body = Buffer.from(bodyText, 'base64url');
  if (body.length < TAG_BYTES) return unreadable('truncated');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonceText, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
    return E.right(plain.toString('utf8'));
  } catch {
    return unreadable('it was not made for this connection or was altered');
  }
};
