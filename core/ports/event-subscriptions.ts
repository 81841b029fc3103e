import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { PersistenceFailure } from '../errors.js';

/**
 * Durable cursors of the host's in-process subscribers over the feed: each named subscription is
 * leased to one holder at a time (processes sharing a name share the work), and remembers the
 * position it handled last, so events are handed over at least once, across restarts.
 */
export interface EventSubscriptions {
  /**
   * Leases the subscription to `holder` until `until` when nobody else holds it (it is created on
   * first use); answers the position reached, or `{ leased: false }`.
   */
  readonly lease: (
    name: string,
    holder: string,
    now: Date,
    until: Date,
  ) => TE.TaskEither<PersistenceFailure, { readonly leased: true; readonly position: string | null } | { readonly leased: false }>;
  /** Records the position handled last, if `holder` still holds the lease; answers whether it did. */
  readonly advance: (name: string, holder: string, position: string) => TE.TaskEither<PersistenceFailure, boolean>;
  /** Ends the lease early, so another holder need not wait for it. */
  readonly release: (name: string, holder: string) => TE.TaskEither<PersistenceFailure, void>;
}
