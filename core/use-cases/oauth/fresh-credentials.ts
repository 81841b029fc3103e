import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { OAUTH_ACCESS_TOKEN_FIELD, OAUTH_REFRESH_TOKEN_FIELD, secretContext, type Connection, type OAuthGrant } from '../../domain/connection.js';
import { grantNeedsRefresh } from '../../domain/oauth.js';
import { oauthNotConfigured, reauthorizationRequired, sourceAuthRejected, type DomainError } from '../../errors.js';
import type { Cipher } from '../../ports/cipher.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { OAuthProfile, OAuthProviderError } from '../../ports/oauth-provider.js';
import type { ProviderRegistry } from '../../ports/provider.js';
import type { TokenRefreshLock } from '../../ports/token-refresh-lock.js';
import { decryptSecrets, encryptSecret } from '../encrypt-secret.js';
import { loadConnection } from '../load-connection.js';
import { refreshedGrant } from './granted-tokens.js';
import { markRefusedGrant, type RefusedGrantDeps } from './refused-grant.js';

export interface FreshCredentialsDeps extends RefusedGrantDeps {
  readonly connections: ConnectionRepository;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly providers: ProviderRegistry;
  readonly tokenRefreshLock: TokenRefreshLock;
}

type WithGrant = Connection & { readonly credentials: { readonly oauth: OAuthGrant } };

/** An active OAuth grant within five minutes of expiring: the one case that calls the provider. */
const refreshable = (connection: Connection, now: Date): connection is WithGrant =>
  connection.credentials.oauth !== null && connection.credentials.oauth.status === 'active' && grantNeedsRefresh(connection.credentials.oauth, now);

const usable = (connection: Connection): TE.TaskEither<DomainError, Connection> =>
  connection.credentials.oauth !== null && connection.credentials.oauth.status !== 'active'
    ? TE.left(reauthorizationRequired(connection.id))
    : TE.right(connection);

/** `invalid_grant` is final: the connection is marked once, and nothing retries it until someone consents again. */
const refused =
  (deps: FreshCredentialsDeps, connection: WithGrant) =>
  (error: OAuthProviderError): TE.TaskEither<DomainError, never> => {
    if (error._tag === 'SourceUnavailable') return TE.left(error);
    if (error.error !== 'invalid_grant') {
      return TE.left(sourceAuthRejected(`${connection.provider} refused to refresh the access token (${error.error}); check the OAuth client id and secret`));
    }
    return pipe(
      markRefusedGrant(deps, connection, connection.credentials.oauth),
      TE.chainW(() => TE.left(reauthorizationRequired(connection.id))),
    );
  };

const profileOf = (deps: FreshCredentialsDeps, connection: Connection): TE.TaskEither<DomainError, OAuthProfile> => {
  const profile = deps.providers.find(connection.provider)?.oauth;
  return profile === undefined ? TE.left(oauthNotConfigured(connection.provider)) : TE.right(profile);
};

/** Spends the refresh token and stores the new grant before anything uses it. */
const refresh = (deps: FreshCredentialsDeps, connection: WithGrant): TE.TaskEither<DomainError, Connection> => {
  const { organizationId, id } = connection;
  const grant = connection.credentials.oauth;
  const encrypt = encryptSecret(deps.cipher, organizationId, id);
  return pipe(
    profileOf(deps, connection),
    TE.bindTo('oauth'),
    TE.bindW('current', () => deps.cipher.decrypt(grant.refreshToken, secretContext(organizationId, id, OAUTH_REFRESH_TOKEN_FIELD))),
    // The client of a per-instance authorization server is the connection's own (its settings and secrets).
    TE.bindW('secrets', () => decryptSecrets(deps.cipher, organizationId, id)(connection.credentials.secrets)),
    TE.bindW('issued', ({ oauth, current, secrets }) =>
      pipe(oauth.refresh(current, { baseUrl: connection.baseUrl, settings: connection.settings, secrets }), TE.orElseW(refused(deps, connection))),
    ),
    TE.map(({ issued, current }) => refreshedGrant(issued, current, deps.clock.now())),
    TE.bindTo('granted'),
    TE.bindW('accessToken', ({ granted }) => encrypt(OAUTH_ACCESS_TOKEN_FIELD, granted.accessToken)),
    TE.bindW('refreshToken', ({ granted }) => encrypt(OAUTH_REFRESH_TOKEN_FIELD, granted.refreshToken)),
    TE.map(
      ({ granted, accessToken, refreshToken }): OAuthGrant => ({
        ...grant,
        accessToken,
        refreshToken,
        expiresAt: granted.expiresAt,
        scopes: granted.scopes.length > 0 ? granted.scopes : grant.scopes,
        status: 'active',
      }),
    ),
    TE.chainFirstW((next) => deps.connections.storeOAuthGrant(organizationId, id, next)),
    TE.map((next) => ({ ...connection, credentials: { ...connection.credentials, oauth: next } })),
  );
};

/** Under the lock, from the stored row: whoever held the lock before may have refreshed it already. */
const refreshUnderLock = (deps: FreshCredentialsDeps, connection: Connection) =>
  pipe(
    loadConnection(deps.connections)(connection.organizationId, connection.id),
    TE.chainW((current) => (refreshable(current, deps.clock.now()) ? refresh(deps, current) : TE.right(current))),
  );

/**
 * The connection with an access token valid for at least five more minutes: refreshed first when
 * needed, once per connection across processes (see TokenRefreshLock). A connection whose refresh
 * token was refused is `ReauthorizationRequired`.
 */
export const withFreshCredentials =
  (deps: FreshCredentialsDeps) =>
  (connection: Connection): TE.TaskEither<DomainError, Connection> => {
    const grant = connection.credentials.oauth;
    if (grant === null || !grantNeedsRefresh(grant, deps.clock.now())) return usable(connection);
    return pipe(
      usable(connection),
      // Read again before locking: another process may have refreshed it since `connection` was read.
      TE.chainW(() => loadConnection(deps.connections)(connection.organizationId, connection.id)),
      TE.chainW((stored) =>
        refreshable(stored, deps.clock.now()) ? deps.tokenRefreshLock.withLock(stored.organizationId, stored.id, refreshUnderLock(deps, stored)) : TE.right(stored),
      ),
      TE.chainW(usable),
    );
  };
