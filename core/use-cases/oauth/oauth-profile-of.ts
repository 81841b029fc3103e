import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { oauthNotConfigured, type OAuthNotConfigured, type ProviderNotFound } from '../../errors.js';
import type { OAuthProfile } from '../../ports/oauth-provider.js';
import type { Provider, ProviderRegistry } from '../../ports/provider.js';
import { providerNamed } from '../providers/find-provider.js';

export interface OAuthTarget {
  readonly provider: Provider;
  readonly oauth: OAuthProfile;
}

/** The provider a path names and its OAuth profile: none configured is `OAuthNotConfigured`. */
export const oauthTargetOf = (registry: ProviderRegistry, name: string): E.Either<ProviderNotFound | OAuthNotConfigured, OAuthTarget> =>
  pipe(
    providerNamed(registry, name),
    E.chainW((provider) => (provider.oauth === undefined ? E.left(oauthNotConfigured(name)) : E.right({ provider, oauth: provider.oauth }))),
  );
