import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { invalidInput, type InvalidInput } from '../errors.js';
import type { BaseUrlPolicy } from '../ports/base-url-policy.js';

export const checkBaseUrl =
  (policy: BaseUrlPolicy) =>
  (url: string): E.Either<InvalidInput, string> =>
    pipe(
      policy.check(url),
      E.mapLeft((reason) => invalidInput([{ path: 'baseUrl', message: reason }])),
    );
