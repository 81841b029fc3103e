import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { secretContext, type Ciphertext, type SecretField } from '../domain/connection.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { SecretUnreadable } from '../errors.js';
import type { Cipher } from '../ports/cipher.js';

export const encryptSecret =
  (cipher: Cipher, organizationId: OrganizationId, connectionId: ConnectionId) =>
  (field: SecretField, plaintext: string): TE.TaskEither<SecretUnreadable, Ciphertext> =>
    cipher.encrypt(plaintext, secretContext(organizationId, connectionId, field));

/** Every field of `secrets`, each bound to the context `context(field)` makes. */
export const encryptEach =
  (cipher: Cipher, context: (field: string) => string) =>
  (secrets: Readonly<Record<string, string>>): TE.TaskEither<SecretUnreadable, Readonly<Record<string, Ciphertext>>> =>
    pipe(
      Object.entries(secrets),
      TE.traverseArray(([field, plaintext]) => pipe(cipher.encrypt(plaintext, context(field)), TE.map((ciphertext) => [field, ciphertext] as const))),
      TE.map((entries) => Object.fromEntries(entries)),
    );

/** Every field of `secrets`, decrypted from the contexts `context(field)` makes. */
export const decryptEach =
  (cipher: Cipher, context: (field: string) => string) =>
  (secrets: Readonly<Record<string, Ciphertext>>): TE.TaskEither<SecretUnreadable, Readonly<Record<string, string>>> =>
    pipe(
      Object.entries(secrets),
      TE.traverseArray(([field, ciphertext]) => pipe(cipher.decrypt(ciphertext, context(field)), TE.map((plaintext) => [field, plaintext] as const))),
      TE.map((entries) => Object.fromEntries(entries)),
    );

/** A connection's secrets, each encrypted for its own field of this connection. */
export const encryptSecrets = (cipher: Cipher, organizationId: OrganizationId, connectionId: ConnectionId) =>
  encryptEach(cipher, (field) => secretContext(organizationId, connectionId, field));

export const decryptSecrets = (cipher: Cipher, organizationId: OrganizationId, connectionId: ConnectionId) =>
  decryptEach(cipher, (field) => secretContext(organizationId, connectionId, field));
