import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as t from 'io-ts';
import { invalidInput, type InvalidInput } from '../errors.js';
import { toFieldIssues } from './report.js';

/** Decodes untrusted input, or explains every offending field. */
export const decodeInput =
  <A>(codec: t.Decoder<unknown, A>) =>
  (input: unknown): E.Either<InvalidInput, A> =>
    pipe(
      codec.decode(input),
      E.mapLeft((errors) => invalidInput(toFieldIssues(errors))),
    );
