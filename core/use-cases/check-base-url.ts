import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { invalidInput, type InvalidInput } from '../errors.js';
import type { BaseUrlPolicy } from '../ports/base-url-policy.js';
import type { Provider } from '../ports/provider.js';

/** The provider's own URL rules first (which hosts it lives on), then the network guard. */
export const checkProviderBaseUrl =
  (provider: Provider, policy: BaseUrlPolicy, path = 'baseUrl') =>
  (url: string): E.Either<InvalidInput, string> =>
    pipe(
      provider.checkBaseUrl(url),
      E.chain(policy.check),
      E.mapLeft((reason) => invalidInput([{ path, message: reason }])),
    );
