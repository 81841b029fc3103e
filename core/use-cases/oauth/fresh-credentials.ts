import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { secretContext, type Connection, type OAuth2Credentials } from '../../domain/connection.js';
import { needsRefresh } from '../../domain/oauth.js';
import { reauthorizationRequired, sourceAuthRejected, type DomainError } from '../../errors.js';
import type { Cipher } from '../../ports/cipher.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { OAuthProviderError, OAuthProviderRegistry } from '../../ports/oauth-provider.js';
import type { TokenRefreshLock } from '../../ports/token-refresh-lock.js';
import { encryptSecret } from '../encrypt-secret.js';
import { loadConnection } from '../load-connection.js';
import { refreshedGrant } from './granted-tokens.js';
import { oauthProviderFor } from './oauth-provider-for.js';

export interface FreshCredentialsDeps {
  readonly connections: ConnectionRepository;
  readonly cipher: Cipher;
  readonly clock: Clock;
  /** Absent where no OAuth client is configured: an OAuth connection then cannot be refreshed (`OAuthNotConfigured`). */
  readonly oauthProviders?: OAuthProviderRegistry;
  readonly tokenRefreshLock: TokenRefreshLock;
}

/** An active OAuth grant within five minutes of expiring: the one case that calls the provider. */
const refreshable = (connection: Connection, now: Date): connection is Connection & { readonly credentials: OAuth2Credentials } =>
  connection.credentials.kind === 'oauth2' && connection.credentials.status === 'active' && needsRefresh(connection, now);

const usable = (connection: Connection): TE.TaskEither<DomainError, Connection> =>
  connection.credentials.kind === 'oauth2' && connection.credentials.status !== 'active'
    ? TE.left(reauthorizationRequired(connection.id))
    : TE.right(connection);

/** `invalid_grant` is final: the connection is marked once, and nothing retries it until someone consents again. */
const refused =
  (deps: FreshCredentialsDeps, connection: Connection, credentials: OAuth2Credentials) =>
  (error: OAuthProviderError): TE.TaskEither<DomainError, never> => {
  if (error._tag === 'SourceUnavailable') return TE.left(error);
  if (error.error !== 'invalid_grant') {
    return TE.left(sourceAuthRejected(`${connection.provider} refused to refresh the access token (${error.error}); check the OAuth client id and secret`));
  }
  return pipe(
    deps.connections.storeOAuthCredentials(connection.organizationId, connection.id, { ...credentials, status: 'reauthorization_required' }),
    TE.chainW(() => TE.left(reauthorizationRequired(connection.id))),
  );
};

/** Spends the refresh token and stores the rotated pair before anything uses it. */
const refresh = (deps: FreshCredentialsDeps, connection: Connection, credentials: OAuth2Credentials): TE.TaskEither<DomainError, Connection> => {
  const { organizationId, id } = connection;
  const encrypt = encryptSecret(deps.cipher, organizationId, id);
  return pipe(
    TE.fromEither(oauthProviderFor(deps.oauthProviders ?? (() => undefined), connection.provider)),
    TE.bindTo('oauth'),
    TE.bindW('current', () => deps.cipher.decrypt(credentials.refreshToken, secretContext(organizationId, id, 'oauthRefreshToken'))),
    TE.bindW('issued', ({ oauth, current }) => pipe(oauth.refresh(current), TE.orElseW(refused(deps, connection, credentials)))),
    TE.map(({ issued, current }) => refreshedGrant(issued, current, deps.clock.now())),
    TE.bindTo('granted'),
    TE.bindW('accessToken', ({ granted }) => encrypt('oauthAccessToken', granted.accessToken)),
    TE.bindW('refreshToken', ({ granted }) => encrypt('oauthRefreshToken', granted.refreshToken)),
    TE.map(
      ({ granted, accessToken, refreshToken }): OAuth2Credentials => ({
        ...credentials,
        accessToken,
        refreshToken,
        expiresAt: granted.expiresAt,
        scopes: granted.scopes.length > 0 ? granted.scopes : credentials.scopes,
        status: 'active',
      }),
    ),
    TE.chainFirstW((next) => deps.connections.storeOAuthCredentials(organizationId, id, next)),
    TE.map((next) => ({ ...connection, credentials: next })),
  );
};

/** Under the lock, from the stored row: whoever held the lock before may have refreshed it already. */
const refreshUnderLock = (deps: FreshCredentialsDeps, connection: Connection) =>
  pipe(
    loadConnection(deps.connections)(connection.organizationId, connection.id),
    TE.chainW((current) =>
      refreshable(current, deps.clock.now())
        ? refresh(deps, current, current.credentials)
        : TE.right(current),
    ),
  );

/**
 * The connection with an access token valid for at least five more minutes: refreshed first when
 * needed, once per connection across processes (see TokenRefreshLock). A connection whose refresh
 * token was refused is `ReauthorizationRequired`.
 */
export const withFreshCredentials =
  (deps: FreshCredentialsDeps) =>
  (connection: Connection): TE.TaskEither<DomainError, Connection> => {
    if (!needsRefresh(connection, deps.clock.now())) return usable(connection);
    return pipe(
      usable(connection),
      // Read again before locking: another process may have refreshed it since `connection` was read.
      TE.chainW(() => loadConnection(deps.connections)(connection.organizationId, connection.id)),
      TE.chainW((stored) =>
        refreshable(stored, deps.clock.now())
          ? deps.tokenRefreshLock.withLock(stored.organizationId, stored.id, refreshUnderLock(deps, stored))
          : TE.right(stored),
      ),
      TE.chainW(usable),
    );
  };
