import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as t from 'io-ts';
import { invalidInput, invalidQuery, type InvalidInput, type InvalidQuery } from '../errors.js';
import { toFieldIssues } from './report.js';

/** Decodes untrusted input, or explains every offending field. */
export const decodeInput =
  <A>(codec: t.Decoder<unknown, A>) =>
  (input: unknown): E.Either<InvalidInput, A> =>
    pipe(
      codec.decode(input),
      E.mapLeft((errors) => invalidInput(toFieldIssues(errors))),
    );

/** Decodes a query string, or explains every offending parameter (as a query error, not a body one). */
export const decodeQuery =
  <A>(codec: t.Decoder<unknown, A>) =>
  (query: unknown): E.Either<InvalidQuery, A> =>
    pipe(
      codec.decode(query),
      E.mapLeft((errors) => invalidQuery(toFieldIssues(errors))),
    );
