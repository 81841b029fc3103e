import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { initialSyncState, noWebhookStats, type Connection, type OAuth2Credentials } from '../../domain/connection.js';
import { defaultFieldMappings } from '../../domain/field-mappings.js';
import { asEntityId, type EntityId, type OrganizationId } from '../../domain/ids.js';
import type { AccessibleSite } from '../../domain/oauth.js';
import type { Provider } from '../../domain/provider.js';
import { oauthFailed, type ConnectionAlreadyExists, type DomainError } from '../../errors.js';
import type { BaseUrlPolicy } from '../../ports/base-url-policy.js';
import type { Cipher } from '../../ports/cipher.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import { encryptSecret } from '../encrypt-secret.js';

export interface OAuthConnectionDeps {
  readonly connections: ConnectionRepository;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly baseUrlPolicy: BaseUrlPolicy;
}

/** A grant's tokens in plain text, only ever held in memory. */
export interface GrantedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
  readonly scopes: ReadonlyArray<string>;
}

/**
 * The site URL is the connection's base URL, normalized like an API-token connection's: links are
 * built on it, and an OAuth and an API-token connection to the same site are the same target.
 */
const siteUrlOf = (policy: BaseUrlPolicy, site: AccessibleSite) =>
  pipe(
    policy.check(site.url),
    E.mapLeft((reason) => oauthFailed('site-unacceptable', `The site URL ${site.url} cannot be connected: it ${reason}`)),
  );

/** The grant's tokens, encrypted for one connection alone. */
const encryptedGrant = (deps: OAuthConnectionDeps, organizationId: OrganizationId, connectionId: EntityId, site: AccessibleSite, tokens: GrantedTokens) => {
  const encrypt = encryptSecret(deps.cipher, organizationId, connectionId);
  return pipe(
    TE.Do,
    TE.apS('accessToken', encrypt('oauthAccessToken', tokens.accessToken)),
    TE.apS('refreshToken', encrypt('oauthRefreshToken', tokens.refreshToken)),
    TE.map(
      ({ accessToken, refreshToken }): OAuth2Credentials => ({
        kind: 'oauth2',
        cloudId: site.cloudId,
        accessToken,
        refreshToken,
        expiresAt: tokens.expiresAt,
        scopes: tokens.scopes,
        status: 'active',
      }),
    ),
  );
};

const connectionOf = (deps: OAuthConnectionDeps, id: EntityId, organizationId: OrganizationId, provider: Provider, site: AccessibleSite, baseUrl: string) => {
  const now = deps.clock.now();
  return (credentials: OAuth2Credentials): Connection => ({
    id,
    organizationId,
    provider,
    name: site.name.slice(0, 200) || new URL(baseUrl).host,
    baseUrl,
    credentials,
    webhookSecret: null,
    previousWebhookSecret: null,
    mappings: defaultFieldMappings(),
    queryFilter: null,
    pollingEnabled: false,
    enabled: true,
    syncState: initialSyncState,
    webhookStats: noWebhookStats,
    createdAt: now,
    updatedAt: now,
  });
};

/**
 * Authorizing a site the organization already reaches through OAuth (typically one that needs
 * reauthorization) gives that connection the new grant, keeping its settings and history. An
 * API-token connection to the site stays a conflict.
 */
const regrant = (
  deps: OAuthConnectionDeps,
  organizationId: OrganizationId,
  site: AccessibleSite,
  tokens: GrantedTokens,
  conflict: ConnectionAlreadyExists,
): TE.TaskEither<DomainError, Connection> =>
  pipe(
    deps.connections.list(organizationId),
    TE.map((all) => all.find((c) => c.provider === conflict.provider && c.baseUrl === conflict.baseUrl && c.credentials.kind === 'oauth2')),
    TE.chainW((existing) =>
      existing === undefined
        ? TE.left<DomainError, Connection>(conflict)
        : pipe(
            encryptedGrant(deps, organizationId, existing.id, site, tokens),
            TE.chainFirstW((credentials) => deps.connections.storeOAuthCredentials(organizationId, existing.id, credentials)),
            TE.map((credentials): Connection => ({ ...existing, credentials })),
          ),
    ),
  );

/** Connects the organization to one site of a grant; the tokens are stored only encrypted, for this connection alone. */
export const createOAuthConnection =
  (deps: OAuthConnectionDeps) =>
  (organizationId: OrganizationId, provider: Provider, site: AccessibleSite, tokens: GrantedTokens): TE.TaskEither<DomainError, Connection> => {
    const id = asEntityId(deps.ids.next());
    return pipe(
      TE.fromEither(siteUrlOf(deps.baseUrlPolicy, site)),
      TE.chainW((baseUrl) =>
        pipe(
          encryptedGrant(deps, organizationId, id, site, tokens),
          TE.map(connectionOf(deps, id, organizationId, provider, site, baseUrl)),
          TE.chainW(deps.connections.insert),
        ),
      ),
      TE.orElseW((error: DomainError) => (error._tag === 'ConnectionAlreadyExists' ? regrant(deps, organizationId, site, tokens, error) : TE.left(error))),
    );
  };
