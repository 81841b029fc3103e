import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OAuthStateBinding } from '../domain/oauth.js';
import type { PersistenceFailure } from '../errors.js';

/**
 * Pending authorizations, keyed by the `state` sent through the person's browser. A state is an
 * unguessable value the store makes up, answered once: reading it forgets it.
 */
export interface OAuthStateStore {
  /** Remembers `binding` under a new state and answers that state. */
  readonly issue: (binding: OAuthStateBinding) => TE.TaskEither<PersistenceFailure, string>;
  /** The binding of `state`, forgotten in the same step; null when unknown or already used. Expired ones are answered too. */
  readonly consume: (state: string) => TE.TaskEither<PersistenceFailure, OAuthStateBinding | null>;
}
