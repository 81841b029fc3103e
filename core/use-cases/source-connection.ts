import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { secretContext, type Connection } from '../domain/connection.js';
import { providerNotSupported, type DomainError, type SecretUnreadable } from '../errors.js';
import type { Cipher } from '../ports/cipher.js';
import type { IssueSource, IssueSourceRegistry, SourceAccess, SourceConnection } from '../ports/issue-source.js';
import { withFreshCredentials, type FreshCredentialsDeps } from './oauth/fresh-credentials.js';

export interface ReachableSource {
  readonly source: IssueSource;
  readonly connection: SourceConnection;
  /** The connection as it now stands (an OAuth refresh replaces its tokens): reach from this one next time. */
  readonly current: Connection;
}

export interface ReachSourceDeps extends FreshCredentialsDeps {
  readonly sources: IssueSourceRegistry;
}

const decryptedAccess = (cipher: Cipher, connection: Connection): TE.TaskEither<SecretUnreadable, SourceAccess> => {
  const { credentials } = connection;
  const context = secretContext(connection.organizationId, connection.id, credentials.kind === 'api-token' ? 'apiToken' : 'oauthAccessToken');
  return credentials.kind === 'api-token'
    ? pipe(cipher.decrypt(credentials.apiToken, context), TE.map((apiToken) => ({ kind: 'api-token', email: credentials.email, apiToken })))
    : pipe(cipher.decrypt(credentials.accessToken, context), TE.map((accessToken) => ({ kind: 'oauth2', cloudId: credentials.cloudId, accessToken })));
};

/**
 * The provider's adapter plus the connection with its secrets decrypted, ready for one call. An
 * OAuth access token about to expire is refreshed first; call this again before each call.
 */
export const reachSource =
  (deps: ReachSourceDeps) =>
  (connection: Connection): TE.TaskEither<DomainError, ReachableSource> => {
    const source = deps.sources(connection.provider);
    if (source === undefined) return TE.left(providerNotSupported(connection.provider));
    return pipe(
      withFreshCredentials(deps)(connection),
      TE.chainW((fresh) =>
        pipe(
          decryptedAccess(deps.cipher, fresh),
          TE.map((access) => ({
            source,
            current: fresh,
            connection: { organizationId: fresh.organizationId, connectionId: fresh.id, provider: fresh.provider, baseUrl: fresh.baseUrl, access },
          })),
        ),
      ),
    );
  };
