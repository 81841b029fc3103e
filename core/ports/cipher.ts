import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Ciphertext } from '../domain/connection.js';
import type { SecretUnreadable } from '../errors.js';

/**
 * Authenticated encryption of secrets at rest. The associated data binds a ciphertext to where it
 * belongs (organization, connection, field): copied anywhere else, it does not decrypt.
 */
export interface Cipher {
  readonly encrypt: (plaintext: string, associatedData: string) => TE.TaskEither<SecretUnreadable, Ciphertext>;
  readonly decrypt: (ciphertext: Ciphertext, associatedData: string) => TE.TaskEither<SecretUnreadable, string>;
  /**
   * True when the ciphertext was not made with the current key (a retired key, or a format this
   * cipher does not write): re-encrypting it lets the old key be removed. Reads no secret.
   */
  readonly needsReencryption: (ciphertext: Ciphertext) => boolean;
}
