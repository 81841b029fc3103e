import * as TE from 'fp-ts/lib/TaskEither.js';
import { secretUnreadable, type Cipher, type Ciphertext } from '../../core/index.js';

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex').toString('utf8');

/**
 * A deterministic stand-in for the real cipher: reversible, bound to its associated data like the
 * real one, and never containing the plaintext as written. Not encryption: tests only.
 */
export const memoryCipher = (): Cipher => ({
  encrypt: (plaintext, associatedData) =>
    TE.right(`fake:${hex(associatedData)}:${hex([...plaintext].reverse().join(''))}` as Ciphertext),
  decrypt: (ciphertext, associatedData) => {
    const [scheme, aad, body] = ciphertext.split(':');
    if (scheme !== 'fake' || body === undefined || aad !== hex(associatedData)) {
      return TE.left(secretUnreadable('The secret cannot be decrypted for this connection'));
    }
    return TE.right([...unhex(body)].reverse().join(''));
  },
  // One "key" only: whatever it wrote is current.
  needsReencryption: (ciphertext) => !ciphertext.startsWith('fake:'),
});
