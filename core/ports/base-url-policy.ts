import type * as E from 'fp-ts/lib/Either.js';

/**
 * Decides whether a provider base URL may be saved (for example: https only, no credentials, no
 * private address). Answers the normalized URL, or why it is refused.
 */
export interface BaseUrlPolicy {
  readonly check: (url: string) => E.Either<string, string>;
}
