import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { OAUTH_ACCESS_TOKEN_FIELD, secretContext, type Connection } from '../domain/connection.js';
import type { DomainError, SecretUnreadable } from '../errors.js';
import type { Cipher } from '../ports/cipher.js';
import type { SourceConnection, SourceOAuthAccess } from '../ports/issue-source.js';
import type { Provider, ProviderRegistry } from '../ports/provider.js';
import { decryptSecrets } from './encrypt-secret.js';
import { withFreshCredentials, type FreshCredentialsDeps } from './oauth/fresh-credentials.js';
import { providerOf } from './providers/find-provider.js';

export interface ReachableSource {
  readonly provider: Provider;
  readonly connection: SourceConnection;
  /** The connection as it now stands (an OAuth refresh replaces its grant): reach from this one next time. */
  readonly current: Connection;
}

export interface ReachSourceDeps extends FreshCredentialsDeps {
  readonly providers: ProviderRegistry;
}

const oauthAccess = (cipher: Cipher, connection: Connection): TE.TaskEither<SecretUnreadable, SourceOAuthAccess | null> => {
  const grant = connection.credentials.oauth;
  if (grant === null) return TE.right(null);
  return pipe(
    cipher.decrypt(grant.accessToken, secretContext(connection.organizationId, connection.id, OAUTH_ACCESS_TOKEN_FIELD)),
    TE.map((accessToken) => ({ accessToken, details: grant.details })),
  );
};

/** The connection as an adapter sees it: settings, decrypted secrets, a usable OAuth token. */
export const sourceConnectionOf = (cipher: Cipher, connection: Connection): TE.TaskEither<SecretUnreadable, SourceConnection> =>
  pipe(
    TE.Do,
    TE.apS('secrets', decryptSecrets(cipher, connection.organizationId, connection.id)(connection.credentials.secrets)),
    TE.apS('oauth', oauthAccess(cipher, connection)),
    TE.map(({ secrets, oauth }) => ({
      organizationId: connection.organizationId,
      connectionId: connection.id,
      provider: connection.provider,
      site: connection.site,
      baseUrl: connection.baseUrl,
      settings: connection.settings,
      authMode: connection.credentials.authMode,
      secrets,
      oauth,
    })),
  );

/**
 * The provider plus the connection with its secrets decrypted, ready for one call. An OAuth access
 * token about to expire is refreshed first; call this again before each call.
 */
export const reachSource =
  (deps: ReachSourceDeps) =>
  (connection: Connection): TE.TaskEither<DomainError, ReachableSource> =>
    pipe(
      TE.fromEither(providerOf(deps.providers, connection.provider)),
      TE.chainW((provider) =>
        pipe(
          withFreshCredentials(deps)(connection),
          TE.chainW((fresh) => pipe(sourceConnectionOf(deps.cipher, fresh), TE.map((source) => ({ provider, current: fresh, connection: source })))),
        ),
      ),
    );

/**
 * `reachSource` for the calls of one sync, page after page: the secrets are decrypted again only
 * when the connection is another one (an OAuth refresh replaced its grant), not for every page.
 */
export const reachSourceRepeatedly = (deps: ReachSourceDeps) => {
  let last: ReachableSource | null = null;
  return (connection: Connection): TE.TaskEither<DomainError, ReachableSource> =>
    pipe(
      TE.fromEither(providerOf(deps.providers, connection.provider)),
      TE.chainW((provider) =>
        pipe(
          withFreshCredentials(deps)(connection),
          TE.chainW((fresh) =>
            last !== null && last.current === fresh && last.provider === provider
              ? TE.right(last)
              : pipe(
                  sourceConnectionOf(deps.cipher, fresh),
                  TE.map((source) => (last = { provider, current: fresh, connection: source })),
                ),
          ),
        ),
      ),
    );
};
