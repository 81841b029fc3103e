import * as E from 'fp-ts/lib/Either.js';
import type { Provider } from '../../domain/provider.js';
import { oauthNotConfigured, type OAuthNotConfigured } from '../../errors.js';
import type { OAuthProvider, OAuthProviderRegistry } from '../../ports/oauth-provider.js';

export const oauthProviderFor = (registry: OAuthProviderRegistry, provider: Provider): E.Either<OAuthNotConfigured, OAuthProvider> => {
  const found = registry(provider);
  return found === undefined ? E.left(oauthNotConfigured(provider)) : E.right(found);
};
