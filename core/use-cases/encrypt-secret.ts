import type * as TE from 'fp-ts/lib/TaskEither.js';
import { secretContext, type Ciphertext, type SecretField } from '../domain/connection.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { SecretUnreadable } from '../errors.js';
import type { Cipher } from '../ports/cipher.js';

export const encryptSecret =
  (cipher: Cipher, organizationId: OrganizationId, connectionId: ConnectionId) =>
  (field: SecretField, plaintext: string): TE.TaskEither<SecretUnreadable, Ciphertext> =>
    cipher.encrypt(plaintext, secretContext(organizationId, connectionId, field));
